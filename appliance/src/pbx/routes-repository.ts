/**
 * Inbound routes (呼入路由: DID and caller pattern → destination) and
 * outbound routes (呼出路由: dial pattern → ordered trunks with digit
 * manipulation). An inbound route may also depend on the caller's area and
 * on a time condition (after-hours destinations tried in turn when it is
 * closed). Matching calls against them is routing/'s job.
 */
import type { Database } from 'bun:sqlite';
import { type Static, Type as T } from '@sinclair/typebox';
import { NotFoundError, ValidationError } from '../errors.ts';
import { uniquely } from '../store/index.ts';
import { type Clock, isoTime } from '../system/index.ts';
import { Destination } from './destination.ts';
import { parseDialPattern } from './routing/dial-pattern.ts';
import { TimeConditionName } from './time-conditions/time-condition.ts';

export const InboundRouteCreate = T.Object(
  {
    did: T.String({ pattern: '^(\\+?[0-9]{1,20}|_)$', description: 'called number, or _ for any' }),
    caller: T.Optional(T.String({ pattern: '^[0-9XNZ.!\\[\\]\\-+_]{0,32}$', description: 'caller pattern; empty = any' })),
    area: T.Optional(T.String({ maxLength: 32, description: 'caller region: area code (0571), city (杭州) or province (浙江); empty = any' })),
    destination: Destination,
    time_condition: T.Optional(TimeConditionName),
    after_hours: T.Optional(T.Array(Destination, { maxItems: 10, description: 'tried in turn while the time condition is closed' })),
    announce_recording: T.Optional(T.Boolean({ description: 'play "this call may be recorded" before the call reaches a person' })),
  },
  { additionalProperties: false },
);
export type InboundRouteCreate = Static<typeof InboundRouteCreate>;
export const InboundRoute = T.Composite([
  T.Object({
    id: T.Integer(),
    caller: T.String(),
    area: T.String(),
    time_condition: T.Union([T.String(), T.Null()]),
    after_hours: T.Array(Destination),
    announce_recording: T.Boolean(),
  }),
  T.Omit(InboundRouteCreate, ['caller', 'area', 'time_condition', 'after_hours', 'announce_recording']),
]);
export type InboundRoute = Static<typeof InboundRoute>;

export const DialPattern = T.String({ pattern: '^_?[0-9XNZ.!\\[\\]\\-*#+]{1,40}$', description: 'Asterisk-style pattern: X N Z [1-5] .' });
export const OutboundRouteCreate = T.Object(
  {
    pattern: DialPattern,
    trunks: T.Array(T.String({ minLength: 1 }), { minItems: 1, uniqueItems: true }),
    strip: T.Optional(T.Integer({ minimum: 0, maximum: 20 })),
    prepend: T.Optional(T.String({ pattern: '^[0-9+*#]{0,20}$' })),
  },
  { additionalProperties: false },
);
export type OutboundRouteCreate = Static<typeof OutboundRouteCreate>;
export const OutboundRoute = T.Object({
  id: T.Integer(),
  pattern: T.String(),
  trunks: T.Array(T.String()),
  strip: T.Integer(),
  prepend: T.String(),
});
export type OutboundRoute = Static<typeof OutboundRoute>;

interface InboundRow {
  id: number;
  did: string;
  caller_pattern: string;
  area: string;
  destination: string;
  time_condition: string | null;
  after_hours: string;
  announce_recording: number;
}

const INBOUND_SELECT =
  'SELECT r.id, r.did, r.caller_pattern, r.area, r.destination, t.name AS time_condition, r.after_hours, r.announce_recording FROM inbound_routes r LEFT JOIN time_conditions t ON t.id = r.time_condition_id';

export class RoutesRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  listInbound(): InboundRoute[] {
    return (this.db.query(`${INBOUND_SELECT} ORDER BY r.did, r.caller_pattern, r.area`).all() as InboundRow[]).map(toInbound);
  }

  getInbound(id: number): InboundRoute {
    const row = this.db.query(`${INBOUND_SELECT} WHERE r.id = ?`).get(id) as InboundRow | null;
    if (!row) throw new NotFoundError(`inbound route ${id}`);
    return toInbound(row);
  }

  findInbound(did: string, caller: string, area = ''): InboundRoute | null {
    const row = this.db
      .query(`${INBOUND_SELECT} WHERE r.did = ? AND r.caller_pattern = ? AND r.area = ?`)
      .get(did, caller, area) as InboundRow | null;
    return row ? toInbound(row) : null;
  }

  /** Saves a route; a time condition is named and must exist, and then after_hours must say where calls go while it is closed. */
  saveInbound(input: InboundRouteCreate, id?: number): InboundRoute {
    const now = isoTime(this.clock);
    const caller = input.caller ?? '';
    const area = input.area ?? '';
    const timeConditionId = this.checkInbound(input);
    const message = `an inbound route for DID ${input.did}${caller ? ` and caller ${caller}` : ''}${area ? ` and area ${area}` : ''} already exists`;
    const values = [
      input.did,
      caller,
      area,
      JSON.stringify(input.destination),
      timeConditionId,
      JSON.stringify(input.after_hours ?? []),
      input.announce_recording ? 1 : 0,
    ] as const;
    if (id === undefined) {
      const row = uniquely(
        () =>
          this.db
            .query(
              `INSERT INTO inbound_routes (did, caller_pattern, area, destination, time_condition_id, after_hours, announce_recording, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
            )
            .get(...values, now, now),
        message,
      ) as { id: number };
      return this.getInbound(row.id);
    }
    this.getInbound(id);
    uniquely(
      () =>
        this.db
          .query(
            `UPDATE inbound_routes SET did = ?, caller_pattern = ?, area = ?, destination = ?, time_condition_id = ?, after_hours = ?,
             announce_recording = ?, updated_at = ? WHERE id = ?`,
          )
          .run(...values, now, id),
      message,
    );
    return this.getInbound(id);
  }

  /** The time condition's id (null for none), or a ValidationError naming the field. */
  private checkInbound(input: InboundRouteCreate): number | null {
    const issues: { path: string; message: string }[] = [];
    const pattern = input.caller ? parseDialPattern(input.caller) : null;
    if (pattern && !pattern.ok) issues.push({ path: 'caller', message: `pattern ${pattern.reason}` });
    let timeConditionId: number | null = null;
    if (input.time_condition !== undefined) {
      const row = this.db.query('SELECT id FROM time_conditions WHERE name = ?').get(input.time_condition) as { id: number } | null;
      if (!row) issues.push({ path: 'time_condition', message: `no time condition "${input.time_condition}"` });
      timeConditionId = row?.id ?? null;
      if (!input.after_hours?.length) issues.push({ path: 'after_hours', message: `needs at least one destination for when ${input.time_condition} is closed` });
    }
    if (issues.length > 0) throw new ValidationError(issues);
    return timeConditionId;
  }

  deleteInbound(id: number): void {
    this.getInbound(id);
    this.db.query('DELETE FROM inbound_routes WHERE id = ?').run(id);
  }

  listOutbound(): OutboundRoute[] {
    const rows = this.db.query('SELECT id, pattern, strip, prepend FROM outbound_routes ORDER BY id').all() as Omit<OutboundRoute, 'trunks'>[];
    return rows.map((r) => ({ ...r, trunks: this.trunksOf(r.id) }));
  }

  getOutbound(id: number): OutboundRoute {
    const row = this.db.query('SELECT id, pattern, strip, prepend FROM outbound_routes WHERE id = ?').get(id) as Omit<OutboundRoute, 'trunks'> | null;
    if (!row) throw new NotFoundError(`outbound route ${id}`);
    return { ...row, trunks: this.trunksOf(id) };
  }

  findOutbound(pattern: string): OutboundRoute | null {
    const row = this.db.query('SELECT id FROM outbound_routes WHERE pattern = ?').get(pattern) as { id: number } | null;
    return row ? this.getOutbound(row.id) : null;
  }

  saveOutbound(input: OutboundRouteCreate, id?: number): OutboundRoute {
    const pattern = parseDialPattern(input.pattern);
    if (!pattern.ok) throw new ValidationError([{ path: 'pattern', message: `pattern ${pattern.reason}` }]);
    return this.db.transaction(() => {
      const now = isoTime(this.clock);
      const message = `an outbound route for pattern ${input.pattern} already exists`;
      let routeId = id;
      if (routeId === undefined) {
        routeId = (
          uniquely(
            () =>
              this.db
                .query('INSERT INTO outbound_routes (pattern, strip, prepend, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id')
                .get(input.pattern, input.strip ?? 0, input.prepend ?? '', now, now),
            message,
          ) as { id: number }
        ).id;
      } else {
        const existing = routeId;
        this.getOutbound(existing);
        uniquely(
          () =>
            this.db
              .query('UPDATE outbound_routes SET pattern = ?, strip = ?, prepend = ?, updated_at = ? WHERE id = ?')
              .run(input.pattern, input.strip ?? 0, input.prepend ?? '', now, existing),
          message,
        );
      }
      this.writeTrunks(routeId, input.trunks);
      return this.getOutbound(routeId);
    })();
  }

  deleteOutbound(id: number): void {
    this.getOutbound(id);
    this.db.query('DELETE FROM outbound_routes WHERE id = ?').run(id);
  }

  private trunksOf(routeId: number): string[] {
    return (
      this.db
        .query('SELECT t.name FROM outbound_route_trunks r JOIN trunks t ON t.id = r.trunk_id WHERE r.route_id = ? ORDER BY r.position')
        .all(routeId) as { name: string }[]
    ).map((t) => t.name);
  }

  private writeTrunks(routeId: number, trunks: readonly string[]): void {
    this.db.query('DELETE FROM outbound_route_trunks WHERE route_id = ?').run(routeId);
    const insert = this.db.query('INSERT INTO outbound_route_trunks (route_id, trunk_id, position) SELECT ?, id, ? FROM trunks WHERE name = ?');
    trunks.forEach((name, index) => {
      if (insert.run(routeId, index, name).changes !== 1) throw new ValidationError([{ path: `trunks[${index}]`, message: `no trunk ${name}` }]);
    });
  }
}

function toInbound(row: InboundRow): InboundRoute {
  return {
    id: row.id,
    did: row.did,
    caller: row.caller_pattern,
    area: row.area,
    destination: JSON.parse(row.destination) as Destination,
    time_condition: row.time_condition,
    after_hours: JSON.parse(row.after_hours) as Destination[],
    announce_recording: row.announce_recording === 1,
  };
}
