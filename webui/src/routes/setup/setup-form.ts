import type { SetupRequest } from '../../lib/api/types';
import type { FieldErrors } from '../../lib/forms/field-errors';
import { MIN_PASSWORD, USERNAME_PATTERN } from '../users/user-form';

export interface SetupValues extends Record<string, unknown> {
  token: string;
  username: string;
  display_name: string;
  password: string;
  password_confirm: string;
}

export function validateSetup(values: SetupValues): FieldErrors<SetupValues> {
  const errors: FieldErrors<SetupValues> = {};
  if (values.token.trim() === '') errors.token = { key: 'validation.required' };
  if (!USERNAME_PATTERN.test(values.username)) errors.username = { key: 'users.errUsername' };
  if (values.password.length < MIN_PASSWORD) errors.password = { key: 'users.errPassword' };
  else if (values.password_confirm !== values.password) errors.password_confirm = { key: 'users.errPasswordMismatch' };
  return errors;
}

export function setupRequest(values: SetupValues): SetupRequest {
  const request: SetupRequest = { token: values.token.trim(), username: values.username, password: values.password };
  const displayName = values.display_name.trim();
  if (displayName !== '') request.display_name = displayName;
  return request;
}
