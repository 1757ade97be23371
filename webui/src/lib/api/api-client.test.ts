import { describe, expect, test } from 'bun:test';
import { ApiClient } from './api-client';

/** A fetch that records each request and answers with the given status and body. */
function recorder(status = 200, body = '{"ok":true}') {
  const seen: { url: string; method: string; headers: Record<string, string>; body: unknown }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    seen.push({ url, method: init.method ?? 'GET', headers: init.headers as Record<string, string>, body: init.body });
    return new Response(body, { status });
  }) as unknown as typeof globalThis.fetch;
  return { seen, client: new ApiClient({ fetch, onUnauthorized: () => undefined }) };
}

describe('ApiClient bodies', () => {
  test('JSON bodies are serialised with their content type', async () => {
    const { seen, client } = recorder();
    await client.patch('/api/voicemail/messages/3', { state: 'saved' });
    expect(seen[0]).toMatchObject({ method: 'PATCH', body: '{"state":"saved"}', headers: { 'Content-Type': 'application/json' } });
  });

  test('a file goes as it is, with its own content type', async () => {
    const { seen, client } = recorder();
    const file = new Blob([new Uint8Array([0xba, 0xc5, 0xc2, 0xeb])]);
    expect(await client.postRaw('/api/blacklist/import', file, 'text/csv')).toEqual({ ok: true });
    expect(seen[0]?.headers['Content-Type']).toBe('text/csv');
    expect(seen[0]?.body).toBe(file);
  });

  test('a refused import keeps the line details of the 422', async () => {
    const body = JSON.stringify({ error: { code: 'validation', message: 'bad', details: [{ path: 'line 3', message: 'number is empty' }] } });
    const { client } = recorder(422, body);
    const refused = await client.postRaw('/api/blacklist/import', 'number\n\n', 'text/csv').catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 422, details: [{ path: 'line 3', message: 'number is empty' }] });
  });
});
