import type { Message } from '../../i18n/catalogue';
import type { IvrBody, IvrDefinition } from '../../lib/api/ivr-types';

export type ParsedDefinition = { ok: true; definition: Record<string, unknown> } | { ok: false; message: Message };

/** The definition as the JSON editor shows it. */
export function definitionText(definition: IvrDefinition | Record<string, unknown>): string {
  return JSON.stringify(definition, null, 2);
}

/** Reads the editor's text: it must be a JSON object; the server checks the rest. */
export function parseDefinition(text: string): ParsedDefinition {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: { key: 'ivr.errJson', params: { message: error instanceof Error ? error.message : String(error) } } };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: { key: 'ivr.errJsonObject' } };
  return { ok: true, definition: value as Record<string, unknown> };
}

/** The body of save and validate: the name field beside the definition (a name inside the JSON gives way). */
export function ivrBody(name: string, definition: Record<string, unknown>): IvrBody {
  return { ...definition, name: name.trim() };
}

/** A small flow to start from: greet, offer two keys, hand over or hang up. */
export function starterFlow(): Record<string, unknown> {
  return {
    language: 'zh',
    flow: {
      start: 'welcome',
      nodes: {
        welcome: { type: 'play', prompt: { tts: '您好，欢迎致电。' }, next: 'menu' },
        menu: {
          type: 'menu',
          prompt: { tts: '咨询请按 1，人工服务请按 0。' },
          options: { '1': 'service', '0': 'operator' },
          timeout_s: 5,
          retries: 2,
          on_fail: 'bye',
        },
        service: { type: 'goto', destination: { queue: '6001' } },
        operator: { type: 'goto', destination: { extension: '1001' } },
        bye: { type: 'hangup', prompt: { tts: '感谢您的来电，再见。' } },
      },
    },
  };
}
