import { describe, expect, test } from 'bun:test';
import { resolveDialled } from './dial-plan.ts';

const extensions = new Set(['1001', '1002']);
const isExtension = (n: string) => extensions.has(n);

describe('resolveDialled', () => {
  test.each([
    ['1002', { kind: 'extension', number: '1002' }],
    ['1009', { kind: 'unknown', reason: 'no_such_number' }],
    ['*78', { kind: 'feature', code: '*78', argument: '' }],
    ['*721003', { kind: 'feature', code: '*72', argument: '1003' }],
    ['*72', { kind: 'unknown', reason: 'bad_feature_argument' }],
    ['*7899', { kind: 'unknown', reason: 'bad_feature_argument' }],
    ['*55', { kind: 'unknown', reason: 'no_such_number' }],
  ])('%s', (dialled, expected) => {
    const target = resolveDialled(dialled, isExtension);
    if (target.kind === 'feature') expect({ kind: 'feature', code: target.feature.code, argument: target.argument }).toEqual(expected as never);
    else expect(target).toEqual(expected as never);
  });

  test('each feature code states its change to the extension', () => {
    const fwd = resolveDialled('*901003', isExtension);
    expect(fwd.kind === 'feature' && fwd.feature.apply?.(fwd.argument)).toEqual({ forward_busy: '1003' });
    const off = resolveDialled('*79', isExtension);
    expect(off.kind === 'feature' && off.feature.apply?.(off.argument)).toEqual({ dnd: false });
  });
});
