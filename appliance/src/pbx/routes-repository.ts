/**
 * Inbound routes (呼入路由: DID and caller pattern → destination) and
 * outbound routes (呼出路由: dial pattern → ordered trunks with digit
 * manipulation). Matching calls against them is the router's job, later.
 */
import type { Database } from 'bun:sqlite';
import { type Static, Type as T } from '@sinclair/typebox';
import { NotFoundError, ValidationError } from '../errors.ts';
import { uniquely } from '../store/index.ts';
import { type Clock, isoTime } from '../system/index.ts';
import { Destination } from './destination.ts';

export const InboundRouteCreate = T.Object(
  {
    did: T.String({ pattern: '^(\\+?[0-9]{1,20}|_)$', description: 'called number, or _ for any' }),
    caller: T.Optional(T.String({ pattern: '^[0-9XNZ.\\[\\]\\-+_]{0,32}$', description: 'caller pattern; empty = any' })),
    destination: Destination,
  },
  { additionalProperties: false },
);
export type InboundRouteCreate = Static<typeof InboundRouteCreate>;
export const InboundRoute = T.Composite([T.Object({ id: T.Integer(), caller: T.String() }), T.Omit(InboundRouteCreate, ['caller'])]);
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
  destination: string;
}

export class RoutesRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  listInbound(): InboundRoute[] {
    return (this.db.query('SELECT * FROM inbound_routes ORDER BY did, caller_pattern').all() as InboundRow[]).map(toInbound);
  }

  getInbound(id: number): InboundRoute {
    const row = this.db.query('SELECT * FROM inbound_routes WHERE id = ?').get(id) as InboundRow | null;
    if (!row) throw new NotFoundError(`inbound route ${id}`);
    return toInbound(row);
  }

  findInbound(did: string, caller: string): InboundRoute | null {
    const row = this.db.query('SELECT * FROM inbound_routes WHERE did = ? AND caller_pattern = ?').get(did, caller) as InboundRow | null;
    return row ? toInbound(row) : null;
  }

  saveInbound(input: InboundRouteCreate, id?: number): InboundRoute {
    const now = isoTime(this.clock);
    const caller = input.caller ?? '';
    const message = `an inbound route for DID ${input.did}${caller ? ` and caller ${caller}` : ''} already exists`;
    if (id === undefined) {
      const row = uniquely(
        () =>
          this.db
            .query('INSERT INTO inbound_routes (did, caller_pattern, destination, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id')
            .get(input.did, caller, JSON.stringify(input.destination), now, now),
        message,
      ) as { id: number };
      return this.getInbound(row.id);
    }
    this.getInbound(id);
    uniquely(
      () =>
        this.db
          .query('UPDATE inbound_routes SET did = ?, caller_pattern = ?, destination = ?, updated_at = ? WHERE id = ?')
          .run(input.did, caller, JSON.stringify(input.destination), now, id),
      message,
    );
    return this.getInbound(id);
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
  return { id: row.id, did: row.did, caller: row.caller_pattern, destination: JSON.parse(row.destination) as Destination };
}
