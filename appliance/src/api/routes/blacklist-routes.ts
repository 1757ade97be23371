/**
 * The blacklist: CRUD, CSV import (all lines good or nothing imported; each
 * bad line named) and CSV export. The import body is the file itself, any
 * content type; UTF-8 with or without BOM, or GBK as Excel saves it.
 */
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import { ValidationError } from '../../errors.ts';
import { BlacklistEntry, BlacklistEntryCreate, blacklistCsv, parseBlacklistCsv } from '../../pbx/index.ts';
import type { Services } from '../../services.ts';
import { authGuard } from '../auth-guard.ts';
import { crudRoutes } from '../crud-routes.ts';
import { ErrorSchema } from '../schemas.ts';

const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

export function blacklistRoutes(s: Services) {
  const tags = ['Routing'];
  return new Elysia({ prefix: '/api' })
    .use(
      new Elysia({ prefix: '/blacklist' })
        .use(authGuard(s.auth))
        .post(
          '/import',
          ({ body, caller }) => {
            const bytes = new Uint8Array(body as ArrayBuffer);
            if (bytes.length > MAX_IMPORT_BYTES) throw new ValidationError([{ path: '', message: `the file is larger than ${MAX_IMPORT_BYTES >> 20} MB` }]);
            const summary = s.blacklist.importEntries(parseBlacklistCsv(bytes));
            s.audit.record({ actor: caller.principal.username, source: caller.source, action: 'blacklist_entry.import', target: 'blacklist', details: { ...summary } });
            if (summary.created + summary.updated > 0) {
              s.bus.publish('config.changed', { entity: 'blacklist_entry', action: 'updated', id: 0, label: 'import', actor: caller.principal.username });
            }
            return summary;
          },
          {
            permission: 'blacklist.write',
            parse: 'arrayBuffer',
            response: { 200: T.Object({ created: T.Integer(), updated: T.Integer(), unchanged: T.Integer() }), 422: ErrorSchema },
            detail: {
              tags,
              summary: 'Import a CSV (header number,direction,action,note); adds or updates by number; any bad line refuses the file (blacklist.write)',
            },
          },
        )
        .get(
          '/export',
          () =>
            new Response(blacklistCsv(s.blacklist.list()), {
              headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="blacklist.csv"' },
            }),
          { permission: 'blacklist.read', detail: { tags, summary: 'The blacklist as CSV, UTF-8 with BOM (blacklist.read)' } },
        ),
    )
    .use(
      crudRoutes(
        {
          path: '/blacklist',
          entity: 'blacklist_entry',
          tag: 'Routing',
          read: 'blacklist.read',
          write: 'blacklist.write',
          item: BlacklistEntry,
          create: BlacklistEntryCreate,
          update: BlacklistEntryCreate,
          store: s.blacklist,
          label: (e) => e.number,
        },
        { auth: s.auth, audit: s.audit, bus: s.bus },
      ),
    );
}
