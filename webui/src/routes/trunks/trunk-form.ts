import { DEFAULT_CODECS, type Transport, type Trunk, type TrunkCreate, type TrunkUpdate } from '../../lib/api/types';
import type { FieldErrors } from '../../lib/forms/field-errors';

/** What the trunk form edits; numbers as typed text, converted on submit. */
export interface TrunkValues extends Record<string, unknown> {
  name: string;
  host: string;
  port: string;
  transport: Transport;
  username: string;
  secret: string;
  register: boolean;
  max_channels: string;
  codecs: string[];
  enabled: boolean;
  caller_id: string;
  from_domain: string;
  register_expires: string;
  options_interval_s: string;
  /** Further source addresses, one per line (commas and spaces also separate). */
  match: string;
}

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const WHOLE_NUMBER = /^[0-9]+$/;
/** A host name, IPv4 address or [IPv6] address, as the server accepts it. */
const HOST_PATTERN = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)$/;
/** A source address as the server takes it: address[:port], [IPv6][:port], a.b.c.d/n or a host name. */
const SOURCE_PATTERN = /^(\[[0-9A-Fa-f:.]+\]|[0-9]{1,3}(\.[0-9]{1,3}){3}(\/[0-9]{1,2})?|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:[0-9]{1,5})?$/;
const CALLER_ID_PATTERN = /^\+?[0-9]{1,32}$/;
export const MAX_CHANNELS = 1000;
export const REGISTER_EXPIRES = { min: 10, max: 86_400 } as const;
export const OPTIONS_INTERVAL = { min: 0, max: 3600 } as const;
export const MAX_SOURCES = 32;
const MAX_USERNAME = 64;
const MAX_SECRET = 128;

export function emptyTrunk(): TrunkValues {
  return {
    name: '',
    host: '',
    port: '5060',
    transport: 'udp',
    username: '',
    secret: '',
    register: false,
    max_channels: '',
    codecs: [...DEFAULT_CODECS],
    enabled: true,
    caller_id: '',
    from_domain: '',
    register_expires: '',
    options_interval_s: '',
    match: '',
  };
}

export function trunkValues(item: Trunk): TrunkValues {
  return {
    name: item.name,
    host: item.host,
    port: String(item.port),
    transport: item.transport,
    username: item.username ?? '',
    secret: '',
    register: item.register,
    max_channels: item.max_channels === null ? '' : String(item.max_channels),
    codecs: [...item.codecs],
    enabled: item.enabled,
    caller_id: item.caller_id ?? '',
    from_domain: item.from_domain ?? '',
    register_expires: item.register_expires === null ? '' : String(item.register_expires),
    options_interval_s: item.options_interval_s === null ? '' : String(item.options_interval_s),
    match: item.match.join('\n'),
  };
}

/** The source addresses typed, one entry per line, comma or space. */
export function sourceList(text: string): string[] {
  return text
    .split(/[\s,，]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** A whole number within bounds, or '' (the server's default). */
function optionalWhole(text: string, bounds: { min: number; max: number }): boolean {
  const value = text.trim();
  return value === '' || (WHOLE_NUMBER.test(value) && Number(value) >= bounds.min && Number(value) <= bounds.max);
}

function matchError(text: string): FieldErrors<TrunkValues>['match'] {
  const entries = sourceList(text);
  if (entries.length > MAX_SOURCES) return { key: 'trunks.errMatchMax', params: { max: MAX_SOURCES } };
  const bad = entries.find((entry) => entry.length > 260 || !SOURCE_PATTERN.test(entry));
  if (bad !== undefined) return { key: 'trunks.errMatch', params: { entry: bad } };
  const twice = entries.find((entry, index) => entries.indexOf(entry) !== index);
  return twice === undefined ? undefined : { key: 'trunks.errMatchTwice', params: { entry: twice } };
}

function optionErrors(values: TrunkValues, errors: FieldErrors<TrunkValues>): void {
  const callerId = values.caller_id.trim();
  if (callerId !== '' && !CALLER_ID_PATTERN.test(callerId)) errors.caller_id = { key: 'trunks.errCallerId' };
  const domain = values.from_domain.trim();
  if (domain !== '' && (domain.length > 253 || !HOST_PATTERN.test(domain))) errors.from_domain = { key: 'trunks.errHost' };
  if (!optionalWhole(values.register_expires, REGISTER_EXPIRES)) errors.register_expires = { key: 'trunks.errRegisterExpires', params: REGISTER_EXPIRES };
  if (!optionalWhole(values.options_interval_s, OPTIONS_INTERVAL)) errors.options_interval_s = { key: 'trunks.errOptionsInterval', params: OPTIONS_INTERVAL };
  const match = matchError(values.match);
  if (match) errors.match = match;
}

export function validateTrunk(values: TrunkValues): FieldErrors<TrunkValues> {
  const errors: FieldErrors<TrunkValues> = {};
  if (!NAME_PATTERN.test(values.name)) errors.name = { key: 'trunks.errName' };
  const host = values.host.trim();
  if (host.length > 253 || !HOST_PATTERN.test(host)) errors.host = { key: 'trunks.errHost' };
  const port = Number(values.port);
  if (!WHOLE_NUMBER.test(values.port.trim()) || port < 1 || port > 65535) errors.port = { key: 'trunks.errPort' };
  const max = values.max_channels.trim();
  const maxOk = WHOLE_NUMBER.test(max) && Number(max) >= 1 && Number(max) <= MAX_CHANNELS;
  if (max !== '' && !maxOk) errors.max_channels = { key: 'trunks.errMaxChannels', params: { max: MAX_CHANNELS } };
  if (values.username.trim().length > MAX_USERNAME) errors.username = { key: 'trunks.errUsername', params: { max: MAX_USERNAME } };
  if (values.secret.length > MAX_SECRET) errors.secret = { key: 'trunks.errSecret', params: { max: MAX_SECRET } };
  if (values.codecs.length === 0) errors.codecs = { key: 'trunks.errCodecs' };
  optionErrors(values, errors);
  return errors;
}

export function trunkCreateBody(values: TrunkValues): TrunkCreate {
  const body: TrunkCreate = {
    name: values.name,
    host: values.host.trim(),
    port: Number(values.port),
    transport: values.transport,
    register: values.register,
    codecs: [...values.codecs],
    enabled: values.enabled,
  };
  const username = values.username.trim();
  if (username !== '') body.username = username;
  if (values.secret !== '') body.secret = values.secret;
  const max = values.max_channels.trim();
  if (max !== '') body.max_channels = Number(max);
  const { caller_id, from_domain, register_expires, options_interval_s, match } = optionsBody(values);
  if (caller_id !== null) body.caller_id = caller_id;
  if (from_domain !== null) body.from_domain = from_domain;
  if (register_expires !== null) body.register_expires = register_expires;
  if (options_interval_s !== null) body.options_interval_s = options_interval_s;
  if (match.length > 0) body.match = match;
  return body;
}

/** Cleared username and channel limit are sent as null; an empty secret keeps the stored one. */
export function trunkUpdateBody(values: TrunkValues): TrunkUpdate {
  const username = values.username.trim();
  const max = values.max_channels.trim();
  const body: TrunkUpdate = {
    name: values.name,
    host: values.host.trim(),
    port: Number(values.port),
    transport: values.transport,
    username: username === '' ? null : username,
    register: values.register,
    max_channels: max === '' ? null : Number(max),
    codecs: [...values.codecs],
    enabled: values.enabled,
    ...optionsBody(values),
  };
  if (values.secret !== '') body.secret = values.secret;
  return body;
}

/** The carrier options with cleared fields as null (the server's default) and the sources as a list. */
function optionsBody(values: TrunkValues) {
  const text = (value: string) => (value.trim() === '' ? null : value.trim());
  const whole = (value: string) => (value.trim() === '' ? null : Number(value.trim()));
  return {
    caller_id: text(values.caller_id),
    from_domain: text(values.from_domain),
    register_expires: whole(values.register_expires),
    options_interval_s: whole(values.options_interval_s),
    match: sourceList(values.match),
  };
}
