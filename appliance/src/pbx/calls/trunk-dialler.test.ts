import { expect, test } from 'bun:test';
import { G722, PCMA, PCMU } from '../../sip/index.ts';
import { trunkCodecs } from './trunk-dialler.ts';

const names = (codecs: { name: string }[]) => codecs.map((c) => c.name);

test.each([
  ['the carrier’s order among what the caller offered', [PCMU, PCMA], ['PCMA', 'PCMU', 'telephone-event'], ['PCMA', 'PCMU']],
  ['only what the carrier takes', [PCMU, PCMA], ['PCMU'], ['PCMU']],
  ['nothing in common: the carrier’s G.711 (the engine transcodes)', [PCMU], ['PCMA'], ['PCMA']],
  ['names the box does not know: the caller’s own', [PCMA, PCMU], ['opus'], ['PCMA', 'PCMU']],
  ['case does not matter', [PCMU, G722], ['pcmu'], ['PCMU']],
] as const)('%s', (_, caller, trunk, expected) => {
  expect(names(trunkCodecs([...caller], [...trunk]))).toEqual([...expected]);
});
