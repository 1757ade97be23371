/**
 * IVR routes: the usual CRUD, the saved versions of an IVR, and a dry-run
 * check for the flow editor. Create and update refuse an invalid IVR with
 * 422 and one detail per problem, naming the node (`flow.nodes.ask_id`)
 * and the reason (`next: no node finish`). Mounted under /api by configRoutes.
 */
import { Type as T } from '@sinclair/typebox';
import { Elysia, t } from 'elysia';
import { ValidationError } from '../../errors.ts';
import { checkIvrInput, definitionOf, Ivr, IvrCreate, IvrVersion } from '../../ivr/index.ts';
import type { FlowLookups } from '../../ivr/index.ts';
import type { Services } from '../../services.ts';
import { authGuard } from '../auth-guard.ts';
import { crudRoutes } from '../crud-routes.ts';
import { ErrorSchema } from '../schemas.ts';

/**
 * The body is checked by checkIvrInput rather than by the route schema: a
 * union of the two forms would only answer "expected one of", where the
 * check names the node and field that is wrong.
 */
const IvrBody = T.Object({ name: T.String() }, { additionalProperties: true, description: IvrCreate.description });

const FieldIssues = T.Array(T.Object({ path: T.String(), message: T.String() }));

export function ivrRoutes(s: Services) {
  const lookups = (name: unknown): FlowLookups => ({
    extension: (n) => s.extensions.findByNumber(n) !== null,
    queue: (n) => s.queues.findByNumber(n) !== null,
    // A flow may go to itself by name (start over), also when it is being created.
    ivr: (n) => n === name || s.ivrs.findByName(n) !== null,
    timeCondition: (n) => s.timeConditions.findByName(n) !== null,
  });
  const checked = (body: Record<string, unknown>) => {
    const issues = checkIvrInput(body, lookups(body.name));
    if (issues.length > 0) throw new ValidationError(issues);
    return definitionOf(body);
  };
  const tags = ['IVR'];
  return new Elysia()
    .use(
      crudRoutes(
        {
          path: '/ivrs',
          entity: 'ivr',
          tag: 'IVR',
          read: 'ivrs.read',
          write: 'ivrs.write',
          item: Ivr,
          create: IvrBody,
          update: IvrBody,
          store: {
            list: () => s.ivrs.list(),
            get: (id) => s.ivrs.get(id),
            create: (body: Record<string, unknown>) => {
              const { name, definition } = checked(body);
              return s.ivrs.create(name, definition);
            },
            update: (id, body: Record<string, unknown>) => {
              const { name, definition } = checked(body);
              return s.ivrs.update(id, { name, definition });
            },
            delete: (id) => s.ivrs.delete(id),
          },
          label: (i) => i.name,
        },
        { auth: s.auth, audit: s.audit, bus: s.bus },
      ),
    )
    .use(
      new Elysia({ prefix: '/ivrs' })
        .use(authGuard(s.auth))
        .get('/:id/versions', ({ params }) => ({ items: s.ivrs.versions(params.id) }), {
          permission: 'ivrs.read',
          params: t.Object({ id: t.Numeric({ minimum: 1 }) }),
          response: { 200: T.Object({ items: T.Array(IvrVersion) }), 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
          detail: { tags, summary: 'Every saved version, newest first (ivrs.read)' },
        })
        .post(
          '/validate',
          ({ body }) => {
            const issues = checkIvrInput(body, lookups(body.name));
            return { valid: issues.length === 0, issues };
          },
          {
            // A dry run changes nothing: whoever may read IVRs may check one.
            permission: 'ivrs.read',
            body: IvrBody,
            response: { 200: T.Object({ valid: T.Boolean(), issues: FieldIssues }), 401: ErrorSchema, 403: ErrorSchema, 422: ErrorSchema },
            detail: { tags, summary: 'Check an IVR without saving it: every problem with its node and reason (ivrs.read)' },
          },
        ),
    );
}
