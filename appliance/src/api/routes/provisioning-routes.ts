/** Provisioning import and export over HTTP: the same YAML as the USB stick and the CLI. */
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import { applyProvisioning, exportProvisioningYaml, parseProvisionYaml, ProvisionFile } from '../../provisioning/index.ts';
import { ValidationError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { isoTime } from '../../system/index.ts';
import { authGuard } from '../auth-guard.ts';
import { ErrorSchema } from '../schemas.ts';

const MAX_FILE_BYTES = 2 * 1024 * 1024;

export function provisioningRoutes(s: Services) {
  const tags = ['Provisioning'];
  return new Elysia({ prefix: '/api/provisioning' })
    .use(authGuard(s.auth))
    .get('/schema', () => ProvisionFile, {
      permission: 'provisioning.export',
      detail: { tags, summary: 'JSON Schema of the provisioning file (provisioning.export)' },
    })
    .get(
      '/export',
      ({ caller }) => {
        s.audit.record({ actor: caller.principal.username, source: caller.source, action: 'provisioning.export' });
        return new Response(exportProvisioningYaml(s, isoTime(s.clock)), {
          headers: {
            'content-type': 'application/yaml; charset=utf-8',
            'content-disposition': 'attachment; filename="appliance-provisioning.yaml"',
            'cache-control': 'no-store',
          },
        });
      },
      { permission: 'provisioning.export', detail: { tags, summary: 'Download the configuration as YAML, secrets included (provisioning.export)' } },
    )
    .post(
      '/apply',
      async ({ request, caller }) => {
        const text = await request.text();
        if (text.length > MAX_FILE_BYTES) throw new ValidationError([{ path: '', message: 'the file is larger than 2 MiB' }]);
        return applyProvisioning(s, parseProvisionYaml(text), { actor: caller.principal.username, source: `api:${caller.source}` });
      },
      {
        permission: 'provisioning.apply',
        parse: 'text',
        response: {
          200: T.Object({
            created: T.Integer(),
            updated: T.Integer(),
            unchanged: T.Integer(),
            changes: T.Array(T.Object({ entity: T.String(), key: T.String(), action: T.String() })),
          }),
          422: ErrorSchema,
        },
        detail: { tags, summary: 'Apply a provisioning YAML body; refused whole if invalid (provisioning.apply)' },
      },
    );
}
