import type { MessageKey } from '../../i18n/catalogue';
import type { InboundRoute, InboundRouteBody } from '../../lib/api/routing-types';
import type { FieldErrors } from '../../lib/forms/field-errors';
import { type DestinationParts, destinationError, destinationOf, destinationParts, emptyDestination } from '../../lib/routing/destination-parts';

/** What the inbound route form edits; the time condition is '' for none. */
export interface InboundRouteValues extends Record<string, unknown> {
  did: string;
  caller: string;
  area: string;
  destination: DestinationParts;
  time_condition: string;
  after_hours: DestinationParts[];
  announce_recording: boolean;
}

/** The server's rules: a DID of up to 20 digits (or `_` for any), a caller pattern, an area name. */
const DID_PATTERN = /^(\+?[0-9]{1,20}|_)$/;
const CALLER_PATTERN = /^[0-9XNZ.![\]\-+_]{0,32}$/;
export const MAX_AREA = 32;
export const MAX_AFTER_HOURS = 10;

export function emptyInboundRoute(): InboundRouteValues {
  return {
    did: '',
    caller: '',
    area: '',
    destination: emptyDestination(),
    time_condition: '',
    after_hours: [],
    announce_recording: false,
  };
}

export function inboundRouteValues(item: InboundRoute): InboundRouteValues {
  return {
    did: item.did,
    caller: item.caller,
    area: item.area,
    destination: destinationParts(item.destination),
    time_condition: item.time_condition ?? '',
    after_hours: item.after_hours.map(destinationParts),
    announce_recording: item.announce_recording,
  };
}

export function validateInboundRoute(values: InboundRouteValues): FieldErrors<InboundRouteValues> {
  const errors: FieldErrors<InboundRouteValues> = {};
  if (!DID_PATTERN.test(values.did.trim())) errors.did = { key: 'inbound.errDid' };
  if (!CALLER_PATTERN.test(values.caller.trim())) errors.caller = { key: 'inbound.errCaller' };
  if (values.area.trim().length > MAX_AREA) errors.area = { key: 'inbound.errArea', params: { max: MAX_AREA } };
  const destination = destinationError(values.destination);
  if (destination) errors.destination = destination;
  const afterHours = afterHoursError(values);
  if (afterHours) errors.after_hours = afterHours;
  return errors;
}

/** After-hours destinations matter only with a time condition, and then at least one is needed. */
function afterHoursError(values: InboundRouteValues): FieldErrors<InboundRouteValues>['after_hours'] {
  if (values.time_condition === '') return undefined;
  if (values.after_hours.length === 0) return { key: 'inbound.errAfterHoursNeeded' };
  if (values.after_hours.length > MAX_AFTER_HOURS) return { key: 'inbound.errAfterHoursMax', params: { max: MAX_AFTER_HOURS } };
  for (const [index, parts] of values.after_hours.entries()) {
    const error = destinationError(parts);
    if (error) return { key: 'inbound.errAfterHoursItem', params: { position: index + 1, reason: error } };
  }
  return undefined;
}

/** The whole route: PUT replaces it, so a cleared field is left out or sent empty. */
export function inboundRouteBody(values: InboundRouteValues): InboundRouteBody {
  const body: InboundRouteBody = {
    did: values.did.trim(),
    caller: values.caller.trim(),
    area: values.area.trim(),
    destination: destinationOf(values.destination),
    announce_recording: values.announce_recording,
  };
  if (values.time_condition !== '') {
    body.time_condition = values.time_condition;
    body.after_hours = values.after_hours.map(destinationOf);
  }
  return body;
}

/** "Any number" for the catch-all DID, otherwise the number itself. */
export function didLabel(did: string, t: (key: MessageKey) => string): string {
  return did === '_' ? t('inbound.anyDid') : did;
}
