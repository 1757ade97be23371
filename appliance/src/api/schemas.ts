/** Response shapes shared by every route. */
import { Type as T } from '@sinclair/typebox';
import { t } from 'elysia';

export const ErrorSchema = T.Object({
  error: T.Object({
    code: T.String(),
    message: T.String(),
    details: T.Optional(T.Array(T.Object({ path: T.String(), message: T.String() }))),
  }),
});

export const ListQuery = t.Object({
  limit: t.Optional(t.Numeric({ minimum: 1, maximum: 1000 })),
  before: t.Optional(t.Numeric({ minimum: 1 })),
});
