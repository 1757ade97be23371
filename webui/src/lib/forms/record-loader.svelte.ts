import type { Message } from '../../i18n/catalogue';
import { describeError } from '../api/describe-error';

/** Loads the record an edit page works on ("new" pages have none). */
export class RecordLoader<T> {
  item = $state<T | null>(null);
  loading = $state(false);
  error = $state<Message | null>(null);

  async load(fetch: () => Promise<T>): Promise<T | null> {
    this.loading = true;
    this.error = null;
    try {
      this.item = await fetch();
      return this.item;
    } catch (error) {
      this.error = describeError(error);
      return null;
    } finally {
      this.loading = false;
    }
  }
}
