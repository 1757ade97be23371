import type { CallPermission } from '../../lib/api/routing-types';
import type { Extension, ExtensionCreate, ExtensionUpdate } from '../../lib/api/types';
import type { FieldErrors } from '../../lib/forms/field-errors';

/** What the extension form edits; strings as typed, converted on submit. */
export interface ExtensionValues extends Record<string, unknown> {
  number: string;
  name: string;
  secret: string;
  email: string;
  enabled: boolean;
  /** What the extension may dial out; the server's default for new extensions is long distance. */
  call_permission: CallPermission;
  allow_premium: boolean;
}

export const NUMBER_PATTERN = /^[0-9]{2,8}$/;
const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+$/;

export function emptyExtension(): ExtensionValues {
  return { number: '', name: '', secret: '', email: '', enabled: true, call_permission: 'long_distance', allow_premium: false };
}

/** The secret is never sent back by the server; an empty field on edit keeps it. */
export function extensionValues(item: Extension): ExtensionValues {
  return {
    number: item.number,
    name: item.name,
    secret: '',
    email: item.email ?? '',
    enabled: item.enabled,
    call_permission: item.call_permission,
    allow_premium: item.allow_premium,
  };
}

export function validateExtension(values: ExtensionValues, isNew: boolean): FieldErrors<ExtensionValues> {
  const errors: FieldErrors<ExtensionValues> = {};
  if (!NUMBER_PATTERN.test(values.number)) errors.number = { key: 'extensions.errNumber' };
  const name = values.name.trim();
  if (name.length < 1 || name.length > 64) errors.name = { key: 'extensions.errName' };
  const keepSecret = !isNew && values.secret === '';
  if (!keepSecret && (values.secret.length < 8 || values.secret.length > 64)) {
    errors.secret = { key: 'extensions.errSecret' };
  }
  const email = values.email.trim();
  if (email !== '' && (email.length > 254 || !EMAIL_PATTERN.test(email))) errors.email = { key: 'extensions.errEmail' };
  return errors;
}

export function extensionCreateBody(values: ExtensionValues): ExtensionCreate {
  const body: ExtensionCreate = {
    number: values.number,
    name: values.name.trim(),
    secret: values.secret,
    enabled: values.enabled,
    call_permission: values.call_permission,
    allow_premium: values.allow_premium,
  };
  const email = values.email.trim();
  if (email !== '') body.email = email;
  return body;
}

/** Sends every field but the secret when left empty; a cleared email is sent as null. */
export function extensionUpdateBody(values: ExtensionValues): ExtensionUpdate {
  const email = values.email.trim();
  const body: ExtensionUpdate = {
    number: values.number,
    name: values.name.trim(),
    email: email === '' ? null : email,
    enabled: values.enabled,
    call_permission: values.call_permission,
    allow_premium: values.allow_premium,
  };
  if (values.secret !== '') body.secret = values.secret;
  return body;
}
