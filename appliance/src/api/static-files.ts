/**
 * Serves the built web UI. Hashed assets are cached for a year; any other
 * path that is not an API route gets index.html, so the UI's own router
 * handles deep links such as /extensions/3.
 */
import { Elysia } from 'elysia';
import { resolve, sep } from 'node:path';
import { errorResponse } from './error-mapping.ts';

export function staticFiles(webRoot: string) {
  const root = resolve(webRoot);
  const index = Bun.file(resolve(root, 'index.html'));
  const headers = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' };
  return new Elysia().get('/*', async ({ path }) => {
    if (path.startsWith('/api/') || path === '/api') return errorResponse(404, 'not_found', 'No such API route');
    const file = Bun.file(resolve(root, `.${decodeURIComponent(path)}`));
    const inside = file.name?.startsWith(root + sep) ?? false;
    if (inside && path !== '/' && (await file.exists())) {
      const immutable = path.startsWith('/assets/');
      return new Response(file, { headers: { ...headers, 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' } });
    }
    if (!(await index.exists())) return new Response('Web UI not built: run npm run build', { status: 503, headers });
    return new Response(index, { headers: { ...headers, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' } });
  });
}
