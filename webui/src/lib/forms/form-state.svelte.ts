import type { Message } from '../../i18n/catalogue';
import { ApiError, fieldOfPath } from '../api/api-error';
import { describeError } from '../api/describe-error';
import type { FieldErrors } from './field-errors';


/** A server error on a field, shown until the user changes that field. */
interface ServerFieldError {
  message: Message;
  value: unknown;
}

export interface SubmitOptions<V> {
  /** On a 409, which field is taken and how to say so. */
  conflict?: { field: keyof V & string; message: Message };
}

/**
 * Values, inline validation and server errors of one form.
 * Client errors show once a field was left or the form submitted; server
 * errors (422 details, 409) sit next to their field until it is edited.
 */
export class FormState<V extends Record<string, unknown>> {
  values: V = $state({} as V);
  submitting = $state(false);
  banner = $state<Message | null>(null);
  /** 422 details whose path names no field of this form, as "path: message". */
  bannerDetails = $state<string[]>([]);
  #touched = $state<Partial<Record<string, true>>>({});
  #submitted = $state(false);
  #serverErrors = $state<Partial<Record<string, ServerFieldError>>>({});
  readonly #validate: (values: V) => FieldErrors<V>;

  constructor(initial: V, validate: (values: V) => FieldErrors<V>) {
    this.values = initial;
    this.#validate = validate;
  }

  clientErrors = $derived.by(() => this.#validate(this.values));

  /** The message to show next to a field, if any. */
  error(field: keyof V & string): Message | undefined {
    const server = this.#serverErrors[field];
    if (server && Object.is(server.value, this.values[field])) return server.message;
    return this.#touched[field] || this.#submitted ? this.clientErrors[field] : undefined;
  }

  /** Props for a field component: its error and the blur that reveals it. */
  field(field: keyof V & string): { error: Message | undefined; onblur: () => void } {
    return { error: this.error(field), onblur: () => this.touch(field) };
  }

  touch(field: keyof V & string): void {
    this.#touched[field] = true;
  }

  /** Replaces the values (after loading a record) and forgets earlier errors. */
  reset(values: V): void {
    this.values = values;
    this.#touched = {};
    this.#submitted = false;
    this.#serverErrors = {};
    this.banner = null;
    this.bannerDetails = [];
  }

  /**
   * Validates, then runs `action` with the values. Returns false when the form
   * is invalid or the server refused; errors are then on the form.
   */
  async submit(action: (values: V) => Promise<void>, options: SubmitOptions<V> = {}): Promise<boolean> {
    if (this.submitting) return false;
    this.#submitted = true;
    this.banner = null;
    this.bannerDetails = [];
    if (Object.keys(this.clientErrors).length > 0) {
      this.banner = { key: 'validation.fixFields' };
      return false;
    }
    this.submitting = true;
    try {
      await action(this.values);
      return true;
    } catch (error) {
      this.#applyServerError(error, options);
      return false;
    } finally {
      this.submitting = false;
    }
  }

  #applyServerError(error: unknown, options: SubmitOptions<V>): void {
    this.banner = describeError(error);
    if (!(error instanceof ApiError)) return;
    const errors: Partial<Record<string, ServerFieldError>> = {};
    const unmatched: string[] = [];
    for (const detail of error.details) {
      const field = fieldOfPath(detail.path);
      if (field in this.values) errors[field] = { message: { text: detail.message }, value: this.values[field] };
      else unmatched.push(`${detail.path}: ${detail.message}`);
    }
    const conflict = options.conflict;
    if (error.code === 'conflict' && conflict && !errors[conflict.field]) {
      errors[conflict.field] = { message: conflict.message, value: this.values[conflict.field] };
    }
    this.#serverErrors = errors;
    this.bannerDetails = unmatched;
  }
}
