import type { CallRecord, LiveCall } from '../../lib/api/types';

/** Whole seconds from `fromIso` to `toMs`; never negative (the browser's clock may lag the box's). */
export function secondsSince(fromIso: string, toMs: number): number {
  const from = Date.parse(fromIso);
  if (Number.isNaN(from) || Number.isNaN(toMs)) return 0;
  return Math.max(0, Math.floor((toMs - from) / 1000));
}

/** How long a live call has been in its state: talking since the answer, or ringing since the start. */
export function liveCallSeconds(call: LiveCall, nowMs: number): number {
  return secondsSince(call.answered_at ?? call.started_at, nowMs);
}

/** Talk time of a finished call (answer to end), or null when nobody answered. */
export function talkSeconds(record: CallRecord): number | null {
  if (record.answer === null) return null;
  return secondsSince(record.answer, Date.parse(record.end));
}

/** `0:07`, `12:34`, `1:02:03`: minutes and seconds, with hours only when there are any. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
