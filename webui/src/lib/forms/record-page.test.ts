import { describe, expect, test } from 'bun:test';
import { translate } from '../../i18n/catalogue';
import { en } from '../../i18n/en';
import type { SubmitOptions } from './form-state.svelte';
import { type RecordShell, type RecordSubmitter, recordTitle, saveRecord } from './record-page';

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(en, key, params);

describe('recordTitle', () => {
  test.each([
    ['a new record', { isNew: true, readonly: false }, en['trunks.new']],
    ['a new record, even for those who may only look', { isNew: true, readonly: true }, en['trunks.new']],
    ['a record the user may change', { isNew: false, readonly: false }, translate(en, 'trunks.editTitle', { name: 'carrier' })],
    ['a record the user may only look at', { isNew: false, readonly: true }, translate(en, 'trunks.viewTitle', { name: 'carrier' })],
  ] as const)('%s', (_, page, expected) => {
    expect(recordTitle(t, 'trunks', { ...page, params: { name: 'carrier' } })).toBe(expected);
  });
});

/** A form that accepts or refuses, and a shell that records what the page did. */
function fakes(accept: boolean) {
  const calls: string[] = [];
  let options: SubmitOptions<{ name: string }> | undefined;
  const form: RecordSubmitter<{ name: string }> = {
    async submit(write, given) {
      options = given;
      if (!accept) return false;
      await write({ name: 'carrier' });
      return true;
    },
  };
  const shell: RecordShell = {
    notices: { show: (message, path) => calls.push(`notice ${message.key} ${JSON.stringify(message.params)} on ${path}`) },
    router: { navigate: (path) => calls.push(`navigate ${path}`) },
  };
  const store = {
    create: async (values: { name: string }) => calls.push(`create ${values.name}`),
    update: async (id: string, values: { name: string }) => calls.push(`update ${id} ${values.name}`),
  };
  return { calls, form, shell, store, options: () => options };
}

describe('saveRecord', () => {
  const base = { words: 'trunks', params: { name: 'carrier' }, listPath: '/trunks' } as const;

  test('creates a record without an id, says so on the list and goes there', async () => {
    const { calls, form, shell, store } = fakes(true);
    expect(await saveRecord(form, shell, { ...base, ...store, id: undefined })).toBe(true);
    expect(calls).toEqual(['create carrier', 'notice trunks.created {"name":"carrier"} on /trunks', 'navigate /trunks']);
  });

  test('updates the record with an id and says it was saved', async () => {
    const { calls, form, shell, store } = fakes(true);
    expect(await saveRecord(form, shell, { ...base, ...store, id: '7' })).toBe(true);
    expect(calls).toEqual(['update 7 carrier', 'notice trunks.saved {"name":"carrier"} on /trunks', 'navigate /trunks']);
  });

  test('stays on the page, writing nothing, when the form refuses', async () => {
    const { calls, form, shell, store } = fakes(false);
    expect(await saveRecord(form, shell, { ...base, ...store, id: '7' })).toBe(false);
    expect(calls).toEqual([]);
  });

  test('a taken value is reported on its field with the conflict message', async () => {
    const { form, shell, store, options } = fakes(false);
    await saveRecord(form, shell, { ...base, ...store, id: undefined, conflictField: 'name' });
    expect(options()).toEqual({ conflict: { field: 'name', message: { key: 'trunks.conflict', params: { name: 'carrier' } } } });
  });

  test('without a conflict field a 409 stays a banner', async () => {
    const { form, shell, store, options } = fakes(false);
    await saveRecord(form, shell, { ...base, ...store, id: undefined });
    expect(options()).toEqual({});
  });
});
