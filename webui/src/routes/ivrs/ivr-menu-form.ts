import type { IvrMenuDefinition } from '../../lib/api/ivr-types';
import {
  type DestinationParts,
  destinationError,
  destinationOf,
  destinationParts,
  emptyDestination,
} from '../../lib/routing/destination-parts';
import type { IssueRow } from './ivr-issues';

export const MENU_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;

export interface MenuOption {
  key: string;
  destination: DestinationParts;
}

/** The simple menu form as edited: the greeting's text, a destination per key, the timeout. */
export interface MenuValues {
  greeting: string;
  /** A greeting recording, kept as it was; the form edits the spoken text only. */
  greetingFile: string;
  voice: string;
  options: MenuOption[];
  timeout: string;
  retries: string;
  useTimeout: boolean;
  onTimeout: DestinationParts;
  useInvalid: boolean;
  onInvalid: DestinationParts;
}

export const MAX_GREETING = 2000;
const DEFAULT_TIMEOUT_S = 5;
const DEFAULT_RETRIES = 2;

export function emptyMenu(): MenuValues {
  return {
    greeting: '',
    greetingFile: '',
    voice: '',
    options: [{ key: '1', destination: emptyDestination('queue') }],
    timeout: String(DEFAULT_TIMEOUT_S),
    retries: String(DEFAULT_RETRIES),
    useTimeout: false,
    onTimeout: emptyDestination(),
    useInvalid: false,
    onInvalid: emptyDestination(),
  };
}

export function menuValues(menu: IvrMenuDefinition): MenuValues {
  return {
    greeting: menu.greeting.tts ?? '',
    greetingFile: menu.greeting.file ?? '',
    voice: menu.greeting.voice ?? '',
    options: Object.entries(menu.options).map(([key, destination]) => ({ key, destination: destinationParts(destination) })),
    timeout: String(menu.timeout ?? DEFAULT_TIMEOUT_S),
    retries: String(menu.retries ?? DEFAULT_RETRIES),
    useTimeout: menu.on_timeout !== undefined,
    onTimeout: menu.on_timeout ? destinationParts(menu.on_timeout) : emptyDestination(),
    useInvalid: menu.on_invalid !== undefined,
    onInvalid: menu.on_invalid ? destinationParts(menu.on_invalid) : emptyDestination(),
  };
}

function wholeNumber(text: string): number | undefined {
  return /^[0-9]+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/** The definition the server stores; numbers that are not numbers are left out (validation says so first). */
export function menuDefinition(values: MenuValues): IvrMenuDefinition {
  const greeting: IvrMenuDefinition['greeting'] = {};
  if (values.greeting.trim() !== '') greeting.tts = values.greeting.trim();
  if (values.greetingFile !== '') greeting.file = values.greetingFile;
  if (values.voice !== '') greeting.voice = values.voice;
  const menu: IvrMenuDefinition = {
    greeting,
    options: Object.fromEntries(values.options.map((option) => [option.key, destinationOf(option.destination)])),
  };
  const timeout = wholeNumber(values.timeout);
  if (timeout !== undefined) menu.timeout = timeout;
  const retries = wholeNumber(values.retries);
  if (retries !== undefined) menu.retries = retries;
  if (values.useTimeout) menu.on_timeout = destinationOf(values.onTimeout);
  if (values.useInvalid) menu.on_invalid = destinationOf(values.onInvalid);
  return menu;
}

/** Every problem of the menu form, in the same rows as the server's issues. */
export function menuProblems(values: MenuValues): IssueRow[] {
  const rows: IssueRow[] = [];
  const add = (where: IssueRow['where'], reason: IssueRow['reason']) => rows.push({ node: null, where, reason });
  const text = values.greeting.trim();
  if (text === '' && values.greetingFile === '') add({ key: 'ivr.greeting' }, { key: 'ivr.errGreeting' });
  if (text.length > MAX_GREETING) add({ key: 'ivr.greeting' }, { key: 'ivr.errGreetingLong', params: { max: MAX_GREETING } });
  if (values.options.length === 0) add({ key: 'ivr.options' }, { key: 'ivr.errNoOptions' });
  const seen = new Set<string>();
  for (const option of values.options) {
    const where = { key: 'ivr.issueOption', params: { key: option.key } } as const;
    if (seen.has(option.key)) add(where, { key: 'ivr.errDuplicateKey' });
    seen.add(option.key);
    const error = destinationError(option.destination);
    if (error) add(where, error);
  }
  const timeout = wholeNumber(values.timeout);
  if (timeout === undefined || timeout < 1 || timeout > 60) add({ key: 'ivr.timeout' }, { key: 'ivr.errTimeout' });
  const retries = wholeNumber(values.retries);
  if (retries === undefined || retries > 10) add({ key: 'ivr.retries' }, { key: 'ivr.errRetries' });
  const onTimeout = values.useTimeout ? destinationError(values.onTimeout) : null;
  if (onTimeout) add({ key: 'ivr.onTimeout' }, onTimeout);
  const onInvalid = values.useInvalid ? destinationError(values.onInvalid) : null;
  if (onInvalid) add({ key: 'ivr.onInvalid' }, onInvalid);
  return rows;
}

/** The first key the menu does not use yet, for a new option. */
export function nextFreeKey(options: readonly MenuOption[]): string | null {
  return MENU_KEYS.find((key) => !options.some((option) => option.key === key)) ?? null;
}

const MENU_FIELDS = new Set(['greeting', 'options', 'timeout', 'retries', 'on_timeout', 'on_invalid']);

/** Whether a parsed definition is in the simple menu form, which the friendly form can show. */
export function isMenuShaped(value: unknown): value is IvrMenuDefinition {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const greeting = record.greeting;
  const options = record.options;
  return (
    Object.keys(record).every((key) => MENU_FIELDS.has(key)) &&
    typeof greeting === 'object' &&
    greeting !== null &&
    typeof options === 'object' &&
    options !== null &&
    !Array.isArray(options)
  );
}
