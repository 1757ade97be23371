import type { Message } from '../i18n/catalogue';
import { ApiError } from './api/api-error';
import { describeError } from './api/describe-error';

interface ListSource<T> {
  list(): Promise<T[]>;
  remove(id: number): Promise<void>;
}

/** A list page's data: the items, loading and error state, and the delete-with-confirmation flow. */
export class ResourceList<T extends { id: number }> {
  items = $state<T[]>([]);
  loading = $state(true);
  error = $state<Message | null>(null);
  /** The item the confirmation dialog asks about. */
  pending = $state<T | null>(null);
  deleting = $state(false);
  readonly #source: ListSource<T>;

  constructor(source: ListSource<T>) {
    this.#source = source;
  }

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.items = await this.#source.list();
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.loading = false;
    }
  }

  get confirming(): boolean {
    return this.pending !== null;
  }

  set confirming(open: boolean) {
    if (!open && !this.deleting) this.pending = null;
  }

  askDelete(item: T): void {
    this.error = null;
    this.pending = item;
  }

  /** Deletes the pending item; returns it when gone, or null (the error is then on the list). */
  async confirmDelete(): Promise<T | null> {
    const item = this.pending;
    if (!item || this.deleting) return null;
    this.deleting = true;
    try {
      await this.#source.remove(item.id);
      this.items = this.items.filter((other) => other.id !== item.id);
      return item;
    } catch (error) {
      const inUse = error instanceof ApiError && error.code === 'conflict' && error.message !== '';
      this.error = inUse ? { key: 'errors.inUse', params: { message: error.message } } : describeError(error);
      return null;
    } finally {
      this.deleting = false;
      this.pending = null;
    }
  }
}
