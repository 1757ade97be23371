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
}

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const WHOLE_NUMBER = /^[0-9]+$/;
/** A host name, IPv4 address or [IPv6] address, as the server accepts it. */
const HOST_PATTERN = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)$/;
export const MAX_CHANNELS = 1000;
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
  };
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
  };
  if (values.secret !== '') body.secret = values.secret;
  return body;
}
