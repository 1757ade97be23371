// biome-ignore-all lint/suspicious/noTemplateCurlyInString: flow templates are written ${name}, as the administrator writes them.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test';
import { FakeClock } from '../../../system/fake-clock.ts';
import { FlowRunner } from '../flow-runner.ts';
import type { Flow, FlowNode } from '../flow-schema.ts';
import type { FlowOutcome } from '../flow-session.ts';
import { ScriptedCaller } from '../scripted-caller.ts';
import { type FlowKit, flowKit, loadedFlow } from '../test-kit.ts';
import { HTTP_MAX_ANSWER_BYTES } from './http-node.ts';

/** A business system on 127.0.0.1 that answers well, badly, or never. */
let server: ReturnType<typeof Bun.serve>;
let base: string;
/** Resolved when a request reaches /never, so the test moves the clock only then. */
let arrived: () => void = () => {};
const seen: { method: string; url: string; body: string; contentType: string | null }[] = [];

beforeAll(() => {
  server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(request) {
      const url = new URL(request.url);
      seen.push({ method: request.method, url: request.url, body: await request.text(), contentType: request.headers.get('content-type') });
      switch (url.pathname) {
        case '/balance':
          return Response.json({ code: 0, data: { balance: 1234.5, owner: '张三', vip: true, tags: ['a'] } });
        case '/echo':
          return Response.json({ got: JSON.parse(seen.at(-1)?.body || '{}'), query: url.search });
        case '/never':
          arrived();
          return new Promise<Response>(() => {});
        case '/garbage':
          return new Response('<html>502 Bad Gateway</html>', { headers: { 'content-type': 'application/json' } });
        case '/error':
          return Response.json({ code: 1, data: { balance: 0 } }, { status: 500 });
        case '/huge':
          return Response.json({ data: { balance: 1, pad: 'x'.repeat(HTTP_MAX_ANSWER_BYTES) } });
        default:
          return new Response('not found', { status: 404 });
      }
    },
  });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.stop(true));

let kit: FlowKit;
let clock: FakeClock;
afterEach(() => kit.close());

function httpFlow(node: Partial<Extract<FlowNode, { type: 'http' }>>): Flow {
  return {
    start: 'prepare',
    nodes: {
      prepare: { type: 'set', vars: { account: '8866', note: 'a&b=c' }, next: 'ask' },
      ask: { type: 'http', method: 'GET', url: `${base}/balance`, timeout_ms: 3000, assign: { balance: 'data.balance' }, next: 'ok', on_error: 'sorry', ...node },
      ok: { type: 'goto', destination: { queue: '6001' } },
      sorry: { type: 'goto', destination: { extension: '1001' } },
    },
  };
}

function start(flow: Flow): Promise<FlowOutcome> {
  clock = new FakeClock();
  kit = flowKit(clock);
  return new FlowRunner(kit.deps).run(new ScriptedCaller({ clock }), loadedFlow(flow));
}

const failures = () => kit.records.filter((r) => r.msg === 'http request failed; taking on_error').map((r) => r.reason);

describe('http node', () => {
  test('keeps fields of a JSON answer in variables and goes on', async () => {
    const outcome = await start(httpFlow({ assign: { balance: 'data.balance', owner: 'data.owner', vip: 'data.vip', tags: 'data.tags' } }));
    expect(outcome).toMatchObject({
      destination: { queue: '6001' },
      vars: { balance: '1234.5', owner: '张三', vip: 'true', tags: '["a"]' },
    });
  });

  test('POSTs a JSON body with its templates filled, and encodes variables in the URL', async () => {
    const outcome = await start(
      httpFlow({
        method: 'POST',
        url: `${base}/echo?caller=\${caller}&note=\${note}`,
        body: { account: '${account}', meta: { caller: '${caller}', fixed: 7 } },
        assign: { account: 'got.account', caller: 'got.meta.caller', fixed: 'got.meta.fixed', query: 'query' },
      }),
    );
    expect(outcome).toMatchObject({ destination: { queue: '6001' }, vars: { account: '8866', fixed: '7', query: '?caller=13800138000&note=a%26b%3Dc' } });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', contentType: 'application/json' });
  });

  test('a server that never answers: on_error once timeout_ms has passed on the clock', async () => {
    const reached = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    let settled = false;
    // 10 s: were the node to use a real timer, the test would outlast its own 5 s limit and fail.
    const running = start(httpFlow({ url: `${base}/never`, timeout_ms: 10_000 })).finally(() => {
      settled = true;
    });
    await reached;
    clock.advance(9_999);
    await Bun.sleep(0);
    expect(settled).toBe(false);
    clock.advance(1);
    expect(await running).toMatchObject({ destination: { extension: '1001' } });
    expect(failures()).toEqual(['no answer within 10000 ms']);
  });

  test.each([
    ['an answer that is not JSON', '/garbage', 'the answer is not JSON ("<html>502 Bad Gateway</html>")'],
    ['a status other than 2xx', '/error', 'status 500'],
    ['an answer larger than the limit', '/huge', `the answer is larger than ${HTTP_MAX_ANSWER_BYTES} bytes`],
    ['an answer without the assigned field', '/echo', 'the answer has no data.balance'],
  ])('%s goes to on_error and is logged', async (_name, path, reason) => {
    const outcome = await start(httpFlow({ url: `${base}${path}` }));
    expect(outcome).toMatchObject({ destination: { extension: '1001' } });
    expect(outcome.kind === 'destination' && 'balance' in outcome.vars).toBe(false);
    expect(failures()).toEqual([reason]);
  });

  test('a refused connection goes to on_error', async () => {
    const closed = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: () => new Response('') });
    const url = `http://127.0.0.1:${closed.port}/balance`;
    closed.stop(true);
    const outcome = await start(httpFlow({ url }));
    expect(outcome).toMatchObject({ destination: { extension: '1001' } });
    expect(failures()[0]).toStartWith('request failed:');
  });
});
