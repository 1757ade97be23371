import type { MessageKey, MessageParams } from '../../i18n/catalogue';
import type { SubmitOptions } from './form-state.svelte';

/** What every record's edit page says; each namespace below has all of these keys. */
type RecordWord = 'new' | 'viewTitle' | 'editTitle' | 'created' | 'saved' | 'conflict';
type Namespace<K> = K extends `${infer N}.${string}` ? N : never;

/** A catalogue namespace ("users", "trunks") that holds every word of an edit page. */
export type RecordNamespace = {
  [N in Namespace<MessageKey>]: `${N}.${RecordWord}` extends MessageKey ? N : never;
}[Namespace<MessageKey>];

const key = (words: RecordNamespace, word: RecordWord) => `${words}.${word}` as MessageKey;

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The page heading: "New trunk" before the record exists, else its view or edit title. */
export function recordTitle(
  t: Translate,
  words: RecordNamespace,
  page: { isNew: boolean; readonly: boolean; params: MessageParams },
): string {
  if (page.isNew) return t(key(words, 'new'));
  return t(key(words, page.readonly ? 'viewTitle' : 'editTitle'), page.params);
}

/** What validates and sends the values: a FormState, or an editor with its own checks. */
export interface RecordSubmitter<V> {
  submit(write: (values: V) => Promise<void>, options?: SubmitOptions<V>): Promise<boolean>;
}

/** Where a saved record's notice goes and how the page leaves for it. */
export interface RecordShell {
  notices: { show(message: { key: MessageKey; params?: MessageParams }, path: string): void };
  router: { navigate(path: string): void };
}

export interface SaveRecordOptions<V> {
  /** The record edited; undefined on a "new" page, which creates one. */
  id: string | undefined;
  create: (values: V) => Promise<unknown>;
  update: (id: string, values: V) => Promise<unknown>;
  words: RecordNamespace;
  /** Fills the created, saved and conflict messages. */
  params: MessageParams;
  /** The list the page returns to; the notice shows there. */
  listPath: string;
  /** On a 409, the field whose value is already taken. */
  conflictField?: keyof V & string;
}

/**
 * Creates or updates the record; once stored, says so on the list and goes
 * there. Returns false when the form or the server refused (the errors are
 * then on the form).
 */
export function saveRecord<V>(form: RecordSubmitter<V>, shell: RecordShell, options: SaveRecordOptions<V>): Promise<boolean> {
  const { id, words, params, listPath, conflictField } = options;
  const submitOptions: SubmitOptions<V> =
    conflictField === undefined ? {} : { conflict: { field: conflictField, message: { key: key(words, 'conflict'), params } } };
  return form.submit(
    async (values) => {
      if (id === undefined) await options.create(values);
      else await options.update(id, values);
      shell.notices.show({ key: key(words, id === undefined ? 'created' : 'saved'), params }, listPath);
      shell.router.navigate(listPath);
    },
    submitOptions,
  );
}
