import { describe, expect, test } from 'bun:test';
import { issueRows, issueWhere } from './ivr-issues';
import { definitionText, ivrBody, parseDefinition } from './ivr-json';
import { emptyMenu, isMenuShaped, menuDefinition, menuProblems, menuValues, nextFreeKey } from './ivr-menu-form';

describe('issueWhere', () => {
  test.each([
    ['flow.nodes.welcome', 'welcome', { key: 'ivr.issueNode', params: { node: 'welcome' } }],
    ['flow.nodes.ask.prompt', 'ask', { key: 'ivr.issueNode', params: { node: 'ask' } }],
    ['flow', null, { key: 'ivr.issueFlow' }],
    ['', null, { key: 'ivr.issueFlow' }],
    ['options.1.extension', null, { key: 'ivr.issueOption', params: { key: '1' } }],
    ['options.#', null, { key: 'ivr.issueOption', params: { key: '#' } }],
    ['greeting.file', null, { key: 'ivr.greeting' }],
    ['name', null, { key: 'ivr.name' }],
    ['mystery', null, { text: 'mystery' }],
  ])('%p is in node %p', (path, node, where) => {
    expect(issueWhere(path)).toEqual({ node, where } as never);
  });

  test('the server reason is kept as written', () => {
    expect(issueRows([{ path: 'flow.nodes.welcome', message: 'next: no node nowhere' }])).toEqual([
      { node: 'welcome', where: { key: 'ivr.issueNode', params: { node: 'welcome' } }, reason: { text: 'next: no node nowhere' } },
    ]);
  });
});

describe('menu form', () => {
  const stored = {
    greeting: { tts: 'Welcome. For service press 1.', voice: 'zh-female' },
    options: { '1': { queue: '6001' }, '0': { extension: '1001' } },
    timeout: 7,
    on_invalid: { hangup: true as const },
  };

  test('a stored menu comes back unchanged from the form', () => {
    expect(menuDefinition(menuValues(stored))).toEqual({ ...stored, retries: 2 });
  });

  test('a complete menu has no problems', () => {
    expect(menuProblems(menuValues(stored))).toEqual([]);
  });

  test('each problem names where it is', () => {
    const values = { ...emptyMenu(), timeout: '0', retries: 'x' };
    values.options = [
      { key: '1', destination: { kind: 'queue', target: '' } },
      { key: '1', destination: { kind: 'extension', target: '1001' } },
    ];
    expect(menuProblems(values).map((row) => [row.where, row.reason])).toEqual([
      [{ key: 'ivr.greeting' }, { key: 'ivr.errGreeting' }],
      [{ key: 'ivr.issueOption', params: { key: '1' } }, { key: 'destination.errTarget' }],
      [{ key: 'ivr.issueOption', params: { key: '1' } }, { key: 'ivr.errDuplicateKey' }],
      [{ key: 'ivr.timeout' }, { key: 'ivr.errTimeout' }],
      [{ key: 'ivr.retries' }, { key: 'ivr.errRetries' }],
    ]);
  });

  test('a new option takes the first free key', () => {
    expect(nextFreeKey([{ key: '1', destination: { kind: 'hangup', target: '' } }])).toBe('2');
    const all = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'].map((key) => ({ key, destination: { kind: 'hangup' as const, target: '' } }));
    expect(nextFreeKey(all)).toBeNull();
  });

  test.each([
    [stored, true],
    [{ flow: { start: 'a', nodes: {} } }, false],
    [{ ...stored, flow: {} }, false],
    [{ greeting: 'hi', options: {} }, false],
    [[], false],
  ])('%#: menu-shaped is %p', (value, shaped) => {
    expect(isMenuShaped(value)).toBe(shaped);
  });
});

describe('JSON editor', () => {
  test('reads an object and reports anything else', () => {
    expect(parseDefinition('{"flow": {}}')).toEqual({ ok: true, definition: { flow: {} } });
    expect(parseDefinition('[1]')).toEqual({ ok: false, message: { key: 'ivr.errJsonObject' } });
    const broken = parseDefinition('{"flow": ');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && 'key' in broken.message && broken.message.key).toBe('ivr.errJson');
  });

  test('the name field wins over a name in the JSON, and text round-trips', () => {
    expect(ivrBody(' main ', { name: 'other', flow: {} })).toEqual({ name: 'main', flow: {} });
    const definition = { language: 'zh', flow: { start: 'a', nodes: { a: { type: 'hangup' } } } };
    expect(parseDefinition(definitionText(definition))).toEqual({ ok: true, definition });
  });
});
