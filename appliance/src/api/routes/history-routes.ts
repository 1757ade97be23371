/** Call records, recordings and the audit log: read-only history. */
import { Type as T } from '@sinclair/typebox';
import { Elysia, t } from 'elysia';
import { join, resolve, sep } from 'node:path';
import { NotFoundError } from '../../errors.ts';
import { Cdr } from '../../reports/index.ts';
import { Recording } from '../../reports/index.ts';
import type { Services } from '../../services.ts';
import { authGuard } from '../auth-guard.ts';
import { ErrorSchema, ListQuery } from '../schemas.ts';

const AuditEntry = T.Object({
  id: T.Integer(),
  at: T.String(),
  actor: T.Union([T.String(), T.Null()]),
  source: T.Union([T.String(), T.Null()]),
  action: T.String(),
  target: T.Union([T.String(), T.Null()]),
  details: T.Union([T.Record(T.String(), T.Unknown()), T.Null()]),
});

export function historyRoutes(s: Services, recordingsDir: string) {
  const root = resolve(recordingsDir);
  return new Elysia({ prefix: '/api' })
    .use(authGuard(s.auth))
    .get('/cdr', ({ query }) => ({ items: s.cdr.list({ limit: query.limit ?? 100, beforeId: query.before }) }), {
      permission: 'cdr.read',
      query: ListQuery,
      response: { 200: T.Object({ items: T.Array(Cdr) }) },
      detail: { tags: ['Reports'], summary: 'Call detail records, newest first (cdr.read)' },
    })
    .get('/recordings', ({ query }) => ({ items: s.recordings.list({ limit: query.limit ?? 100, beforeId: query.before }) }), {
      permission: 'recordings.read',
      query: ListQuery,
      response: { 200: T.Object({ items: T.Array(Recording) }) },
      detail: { tags: ['Reports'], summary: 'Recordings, newest first (recordings.read)' },
    })
    .get(
      '/recordings/:id/audio',
      async ({ params, caller }) => {
        const path = resolve(join(root, s.recordings.pathOf(params.id)));
        if (!path.startsWith(root + sep)) throw new NotFoundError(`recording ${params.id}`);
        const file = Bun.file(path);
        if (!(await file.exists())) throw new NotFoundError(`audio of recording ${params.id}`);
        s.audit.record({ actor: caller.principal.username, source: caller.source, action: 'recording.listen', target: `recording:${params.id}` });
        return new Response(file, { headers: { 'content-type': 'audio/wav', 'cache-control': 'private, no-store' } });
      },
      {
        permission: 'recordings.read',
        params: t.Object({ id: t.Numeric({ minimum: 1 }) }),
        response: { 404: ErrorSchema },
        detail: { tags: ['Reports'], summary: 'The WAV audio of a recording (recordings.read)' },
      },
    )
    .get(
      '/audit',
      ({ query }) => ({ items: s.audit.list({ limit: query.limit ?? 100, beforeId: query.before, action: query.action }) }),
      {
        permission: 'audit.read',
        query: t.Object({ ...ListQuery.properties, action: t.Optional(t.String({ maxLength: 64 })) }),
        response: { 200: T.Object({ items: T.Array(AuditEntry) }) },
        detail: { tags: ['System'], summary: 'The audit log, newest first (audit.read)' },
      },
    );
}
