import type { User, UserCreate, UserUpdate } from '../../lib/api/types';
import type { FieldErrors } from '../../lib/forms/field-errors';

export interface UserValues extends Record<string, unknown> {
  username: string;
  display_name: string;
  password: string;
  password_confirm: string;
  role: string;
  enabled: boolean;
}

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{2,32}$/;
export const MIN_PASSWORD = 10;

export function emptyUser(role = 'agent'): UserValues {
  return { username: '', display_name: '', password: '', password_confirm: '', role, enabled: true };
}

export function userValues(item: User): UserValues {
  return {
    username: item.username,
    display_name: item.display_name,
    password: '',
    password_confirm: '',
    role: item.role,
    enabled: item.enabled,
  };
}

/** On edit the username is fixed and an empty password keeps the current one. */
export function validateUser(values: UserValues, isNew: boolean): FieldErrors<UserValues> {
  const errors: FieldErrors<UserValues> = {};
  if (isNew && !USERNAME_PATTERN.test(values.username)) errors.username = { key: 'users.errUsername' };
  const keepPassword = !isNew && values.password === '' && values.password_confirm === '';
  if (!keepPassword) {
    if (values.password.length < MIN_PASSWORD) errors.password = { key: 'users.errPassword' };
    else if (values.password_confirm !== values.password) errors.password_confirm = { key: 'users.errPasswordMismatch' };
  }
  if (values.role === '') errors.role = { key: 'users.errRole' };
  return errors;
}

export function userCreateBody(values: UserValues): UserCreate {
  const body: UserCreate = { username: values.username, password: values.password, role: values.role, enabled: values.enabled };
  const displayName = values.display_name.trim();
  if (displayName !== '') body.display_name = displayName;
  return body;
}

export function userUpdateBody(values: UserValues): UserUpdate {
  const body: UserUpdate = { display_name: values.display_name.trim(), role: values.role, enabled: values.enabled };
  if (values.password !== '') body.password = values.password;
  return body;
}
