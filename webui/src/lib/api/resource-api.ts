import type { ApiClient } from './api-client';

/** The CRUD shape every configuration collection shares: `{items}`, `{item}`, 204 on delete. */
export class ResourceApi<T, Create, Update> {
  readonly #api: ApiClient;
  readonly #base: string;

  constructor(api: ApiClient, base: string) {
    this.#api = api;
    this.#base = base;
  }

  async list(): Promise<T[]> {
    return (await this.#api.get<{ items: T[] }>(this.#base)).items;
  }

  async get(id: number | string): Promise<T> {
    return (await this.#api.get<{ item: T }>(this.#itemPath(id))).item;
  }

  async create(body: Create): Promise<T> {
    return (await this.#api.post<{ item: T }>(this.#base, body)).item;
  }

  async update(id: number | string, body: Update): Promise<T> {
    return (await this.#api.put<{ item: T }>(this.#itemPath(id), body)).item;
  }

  remove(id: number | string): Promise<void> {
    return this.#api.delete(this.#itemPath(id));
  }

  #itemPath(id: number | string): string {
    return `${this.#base}/${encodeURIComponent(String(id))}`;
  }
}
