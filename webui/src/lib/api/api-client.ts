import { ApiError, errorFromBody } from './api-error';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /**
   * Whether a 401 means "the session is gone" (the default). Login and the
   * first `me` probe answer 401 as a normal outcome, so they turn it off.
   */
  sessionRequired?: boolean;
}

/**
 * JSON over fetch with the session cookie. Every failure becomes an ApiError;
 * a 401 on a session-bound request also calls `onUnauthorized`.
 */
export class ApiClient {
  readonly #fetch: typeof fetch;
  readonly #onUnauthorized: () => void;

  constructor(options: { fetch: typeof fetch; onUnauthorized: () => void }) {
    this.#fetch = options.fetch;
    this.#onUnauthorized = options.onUnauthorized;
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.#request<T>('GET', path, undefined, options);
  }

  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.#request<T>('POST', path, body, options);
  }

  /** Sends a file as it is (a CSV import in whatever encoding it was saved), with its own content type. */
  postRaw<T>(path: string, data: string | Blob, contentType: string, options?: RequestOptions): Promise<T> {
    return this.#request<T>('POST', path, new RawBody(data, contentType), options);
  }

  put<T>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.#request<T>('PUT', path, body, options);
  }

  patch<T>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.#request<T>('PATCH', path, body, options);
  }

  delete(path: string, options?: RequestOptions): Promise<void> {
    return this.#request<void>('DELETE', path, undefined, options);
  }

  async #request<T>(method: Method, path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = body instanceof RawBody ? body.contentType : 'application/json';
    let response: Response;
    try {
      response = await this.#fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : body instanceof RawBody ? body.data : JSON.stringify(body),
      });
    } catch {
      throw new ApiError({ status: 0, code: 'network', message: '' });
    }
    const payload = await readJson(response);
    if (!response.ok) {
      const error = errorFromBody(response.status, payload, response.headers.get('Retry-After'));
      if (response.status === 401 && options.sessionRequired !== false) this.#onUnauthorized();
      throw error;
    }
    return payload as T;
  }
}

/** A request body sent as it is rather than as JSON. */
class RawBody {
  constructor(
    readonly data: string | Blob,
    readonly contentType: string,
  ) {}
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text().catch(() => '');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
