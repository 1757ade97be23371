/** Health (public, for systemd, installers and tests) and system status. */
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { Services } from '../../services.ts';
import { authGuard } from '../auth-guard.ts';

export interface SystemInfo {
  version: string;
  startedAt: number;
}

export function systemRoutes(s: Services, info: SystemInfo) {
  const uptime = () => Math.round((s.clock.now() - info.startedAt) / 1000);
  return new Elysia({ prefix: '/api' })
    .use(authGuard(s.auth))
    .get('/health', () => ({ status: 'ok' as const, version: info.version, uptime_s: uptime() }), {
      response: { 200: T.Object({ status: T.Literal('ok'), version: T.String(), uptime_s: T.Integer() }) },
      detail: { tags: ['System'], summary: 'Liveness: 200 when the service answers (public)' },
    })
    .get(
      '/system/status',
      () => {
        const memory = process.memoryUsage();
        return { version: info.version, uptime_s: uptime(), rss_bytes: memory.rss, heap_bytes: memory.heapUsed, pid: process.pid };
      },
      { permission: 'system.read', detail: { tags: ['System'], summary: 'Process status (system.read)' } },
    );
}
