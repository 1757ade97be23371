/** Live trunk status: registration to the carrier, reachability by OPTIONS, channels in use. */
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import { TrunkStatus } from '../../pbx/index.ts';
import type { Services } from '../../services.ts';
import { authGuard } from '../auth-guard.ts';

/** What the route needs of the trunk runtime. */
export interface TrunkStatusSource {
  status(): TrunkStatus[];
}

export function trunksRoutes(s: Services, trunks: TrunkStatusSource) {
  return new Elysia({ prefix: '/api' }).use(authGuard(s.auth)).get('/trunks/status', () => ({ items: trunks.status() }), {
    permission: 'trunks.read',
    response: { 200: T.Object({ items: T.Array(TrunkStatus) }) },
    detail: {
      tags: ['Trunks'],
      summary: 'Each trunk: registration state, reachability and latency, channels in use of max, last error (trunks.read)',
    },
  });
}
