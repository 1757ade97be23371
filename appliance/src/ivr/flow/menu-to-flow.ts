/**
 * The simple menu form of an IVR (a greeting, one destination per key, a
 * timeout) written as the equivalent flow, so one runner serves both:
 *
 *   menu ──"1"──▶ goto option_1 ──▶ { queue: 6001 }
 *     ├──"0"──▶ goto option_0 ──▶ { extension: 1001 }
 *     ├─ timed out  ──▶ on_timeout destination, or hang up
 *     └─ invalid key ─▶ on_invalid destination, or hang up
 */
import type { Destination } from '../../pbx/index.ts';
import type { Flow, FlowLanguage, FlowNode, FlowPrompt } from './flow-schema.ts';

/** The simple form as stored (see IvrMenuDefinition in ivr-schema.ts). */
export interface MenuForm {
  greeting: { tts?: string; file?: string; voice?: string };
  options: Record<string, Destination>;
  timeout?: number;
  retries?: number;
  on_timeout?: Destination;
  on_invalid?: Destination;
}

export const MENU_DEFAULT_TIMEOUT_S = 5;
export const MENU_DEFAULT_RETRIES = 2;

const KEY_NAMES: Record<string, string> = { '*': 'star', '#': 'hash' };

/** The node id of the goto that a key of the simple form leads to. */
export const optionNodeId = (key: string) => `option_${KEY_NAMES[key] ?? key}`;

export function menuToFlow(menu: MenuForm): { flow: Flow; language: FlowLanguage } {
  const nodes: Record<string, FlowNode> = {};
  const options: Record<string, string> = {};
  for (const [key, destination] of Object.entries(menu.options)) {
    const id = optionNodeId(key);
    options[key] = id;
    nodes[id] = { type: 'goto', destination };
  }
  nodes.menu = {
    type: 'menu',
    prompt: greetingPrompt(menu.greeting),
    options,
    timeout_s: menu.timeout ?? MENU_DEFAULT_TIMEOUT_S,
    retries: menu.retries ?? MENU_DEFAULT_RETRIES,
    on_fail: 'fail',
    ...(menu.on_timeout ? { on_timeout: 'timed_out' } : {}),
    ...(menu.on_invalid ? { on_invalid: 'invalid' } : {}),
  };
  if (menu.on_timeout) nodes.timed_out = { type: 'goto', destination: menu.on_timeout };
  if (menu.on_invalid) nodes.invalid = { type: 'goto', destination: menu.on_invalid };
  nodes.fail = { type: 'hangup' };
  return { flow: { start: 'menu', nodes }, language: voiceLanguage(menu.greeting.voice) };
}

function greetingPrompt(greeting: MenuForm['greeting']): FlowPrompt {
  if (greeting.file) return { file: greeting.file };
  return { tts: greeting.tts ?? '' };
}

function voiceLanguage(voice: string | undefined): FlowLanguage {
  return voice !== undefined && /^en/i.test(voice) ? 'en' : 'zh';
}
