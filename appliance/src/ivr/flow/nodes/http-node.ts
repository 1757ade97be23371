/**
 * Asks a business system (balance, order status) over HTTP and keeps
 * parts of its JSON answer in variables. A timeout, a refused connection,
 * a status other than 2xx, an answer that is not JSON or lacks a field the
 * node assigns: each is logged and the caller goes to on_error, so a
 * broken business system never leaves a caller in silence.
 */
import { AppError } from '../../../errors.ts';
import { renderTemplate } from '../template.ts';
import { type FlowSession, next } from '../flow-session.ts';
import type { NodeOf } from '../flow-schema.ts';
import type { NodeHandler } from './node-handler.ts';

/** Larger answers are refused: a flow reads a few fields, not a download. */
export const HTTP_MAX_ANSWER_BYTES = 64 * 1024;

/** Why a request did not give the node its variables; the text goes to the log. */
class HttpNodeFailure extends AppError {
  constructor(message: string) {
    super('ivr_http', message);
  }
}

export const httpNode: NodeHandler<'http'> = async (node, session, id) => {
  const started = session.deps.clock.monotonic();
  try {
    const answer = await request(node, session);
    const assigned: Record<string, string> = {};
    for (const [name, path] of Object.entries(node.assign)) {
      const value = atPath(answer, path);
      if (value === undefined) throw new HttpNodeFailure(`the answer has no ${path}`);
      assigned[name] = asText(value);
    }
    Object.assign(session.vars, assigned);
    session.logger.info('http request answered', { node: id, ms: session.deps.clock.monotonic() - started });
    return next(node.next);
  } catch (error) {
    const reason = error instanceof HttpNodeFailure ? error.message : `request failed: ${(error as Error).message}`;
    session.logger.warn('http request failed; taking on_error', { node: id, method: node.method, reason, ms: session.deps.clock.monotonic() - started });
    return next(node.on_error);
  }
};

async function request(node: NodeOf<'http'>, session: FlowSession): Promise<unknown> {
  // Values go into the URL encoded, so a variable cannot add query parameters or change the path.
  const url = renderTemplate(node.url, (ref) => {
    const value = session.lookup(ref);
    return value === undefined ? undefined : encodeURIComponent(value);
  });
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) throw new HttpNodeFailure(`${url} is not an http(s) URL`);
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const [name, value] of Object.entries(node.headers ?? {})) headers[name.toLowerCase()] = session.render(value);
  const init: RequestInit = { method: node.method, headers, redirect: 'error' };
  if (node.method === 'POST') {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(renderJson(node.body ?? {}, session));
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = session.deps.scheduler.after(node.timeout_ms, () => {
    timedOut = true;
    controller.abort();
  });
  try {
    const response = await (session.deps.fetch ?? fetch)(url, { ...init, signal: controller.signal });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new HttpNodeFailure(`status ${response.status}`);
    }
    const text = await readCapped(response);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new HttpNodeFailure(`the answer is not JSON (${JSON.stringify(text.slice(0, 40))})`);
    }
  } catch (error) {
    if (timedOut) throw new HttpNodeFailure(`no answer within ${node.timeout_ms} ms`);
    throw error;
  } finally {
    timer.cancel();
  }
}

async function readCapped(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > HTTP_MAX_ANSWER_BYTES) throw new HttpNodeFailure(`the answer is larger than ${HTTP_MAX_ANSWER_BYTES} bytes`);
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    size += r.value.byteLength;
    if (size > HTTP_MAX_ANSWER_BYTES) {
      await reader.cancel().catch(() => {});
      throw new HttpNodeFailure(`the answer is larger than ${HTTP_MAX_ANSWER_BYTES} bytes`);
    }
    chunks.push(r.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function renderJson(value: unknown, session: FlowSession): unknown {
  if (typeof value === 'string') return session.render(value);
  if (Array.isArray(value)) return value.map((v) => renderJson(v, session));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderJson(v, session)]));
  }
  return value;
}

/** `data.items.0.name` in a JSON value; undefined when any step is missing. */
export function atPath(value: unknown, path: string): unknown {
  let at: unknown = value;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function asText(value: unknown): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
