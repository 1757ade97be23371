import type { Message } from '../../i18n/catalogue';

/** Inline messages by field name, as a validator returns them. */
export type FieldErrors<V> = Partial<Record<keyof V & string, Message>>;
