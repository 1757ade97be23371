/**
 * Customers, as far as the call center needs them now: a name, a number,
 * a level, notes and the agent who owns the customer (客户归属: the
 * customer-owner strategy rings that agent first). The full CRM grows
 * from here.
 */
import type { Database } from 'bun:sqlite';
import { type Static, Type as T } from '@sinclair/typebox';
import { NotFoundError } from '../errors.ts';
import { type Clock, isoTime } from '../system/index.ts';

export const CustomerCreate = T.Object(
  {
    name: T.String({ minLength: 1, maxLength: 128 }),
    number: T.String({ pattern: '^\\+?[0-9]{3,20}$' }),
    owner: T.Optional(T.Union([T.String({ pattern: '^[0-9]{2,8}$', description: 'work number of the owning agent' }), T.Null()])),
    level: T.Optional(T.Union([T.String({ maxLength: 32 }), T.Null()])),
    notes: T.Optional(T.Union([T.String({ maxLength: 4000 }), T.Null()])),
  },
  { additionalProperties: false },
);
export type CustomerCreate = Static<typeof CustomerCreate>;
export const CustomerUpdate = T.Partial(CustomerCreate, { additionalProperties: false });
export type CustomerUpdate = Static<typeof CustomerUpdate>;

export const Customer = T.Object({
  id: T.Integer(),
  name: T.String(),
  number: T.String(),
  owner: T.Union([T.String(), T.Null()]),
  level: T.Union([T.String(), T.Null()]),
  notes: T.Union([T.String(), T.Null()]),
  created_at: T.String(),
  updated_at: T.String(),
});
export type Customer = Static<typeof Customer>;

export class CustomersRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  list(): Customer[] {
    return this.db.query('SELECT * FROM customers ORDER BY name, id').all() as Customer[];
  }

  get(id: number): Customer {
    const row = this.db.query('SELECT * FROM customers WHERE id = ?').get(id) as Customer | null;
    if (!row) throw new NotFoundError(`customer ${id}`);
    return row;
  }

  byNumber(number: string): Customer | null {
    return (this.db.query('SELECT * FROM customers WHERE number = ? ORDER BY id LIMIT 1').get(number) as Customer | null) ?? null;
  }

  ownerOf(number: string): string | null {
    return this.byNumber(number)?.owner ?? null;
  }

  create(c: CustomerCreate): Customer {
    const now = isoTime(this.clock);
    const row = this.db
      .query('INSERT INTO customers (name, number, owner, level, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id')
      .get(c.name, c.number, c.owner ?? null, c.level ?? null, c.notes ?? null, now, now) as { id: number };
    return this.get(row.id);
  }

  update(id: number, c: CustomerUpdate): Customer {
    const cur = this.get(id);
    const pick = <K extends keyof CustomerUpdate>(k: K) => (c[k] !== undefined ? c[k] : cur[k as keyof Customer]);
    this.db
      .query('UPDATE customers SET name = ?, number = ?, owner = ?, level = ?, notes = ?, updated_at = ? WHERE id = ?')
      .run(pick('name') as string, pick('number') as string, pick('owner') ?? null, pick('level') ?? null, pick('notes') ?? null, isoTime(this.clock), id);
    return this.get(id);
  }

  delete(id: number): void {
    this.get(id);
    this.db.query('DELETE FROM customers WHERE id = ?').run(id);
  }
}
