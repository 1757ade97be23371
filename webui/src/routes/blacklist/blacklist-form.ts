import type { MessageKey } from '../../i18n/catalogue';
import type { BlacklistAction, BlacklistDirection, BlacklistEntry, BlacklistEntryBody } from '../../lib/api/routing-types';
import type { FieldErrors } from '../../lib/forms/field-errors';

/** What the add form edits. */
export interface BlacklistValues extends Record<string, unknown> {
  number: string;
  direction: BlacklistDirection;
  action: BlacklistAction;
  note: string;
}

/** A number (13800138000), a prefix ending in * (0571*) or a dial pattern after _ (_1380013XXXX). */
const NUMBER_PATTERN = /^(\+?[0-9]{2,32}|\+?[0-9]{1,31}\*|_[0-9XNZ.![\]\-*#+]{1,40})$/;
export const MAX_NOTE = 200;

export const DIRECTION_LABELS: Readonly<Record<BlacklistDirection, MessageKey>> = {
  both: 'blacklist.directionBoth',
  inbound: 'blacklist.directionInbound',
  outbound: 'blacklist.directionOutbound',
};

export const KIND_LABELS: Readonly<Record<BlacklistEntry['kind'], MessageKey>> = {
  number: 'blacklist.kindNumber',
  prefix: 'blacklist.kindPrefix',
  pattern: 'blacklist.kindPattern',
};

export function emptyBlacklistEntry(): BlacklistValues {
  return { number: '', direction: 'both', action: 'reject', note: '' };
}

export function validateBlacklistEntry(values: BlacklistValues): FieldErrors<BlacklistValues> {
  const errors: FieldErrors<BlacklistValues> = {};
  if (!NUMBER_PATTERN.test(values.number.trim())) errors.number = { key: 'blacklist.errNumber' };
  if (values.note.trim().length > MAX_NOTE) errors.note = { key: 'blacklist.errNote', params: { max: MAX_NOTE } };
  return errors;
}

export function blacklistBody(values: BlacklistValues): BlacklistEntryBody {
  const body: BlacklistEntryBody = { number: values.number.trim(), direction: values.direction, action: values.action };
  const note = values.note.trim();
  if (note !== '') body.note = note;
  return body;
}
