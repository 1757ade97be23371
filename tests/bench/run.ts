/**
 * `npm run bench [name…]`: every benchmark, or those named
 * (foundation, sip-parser, sip-register, calls, media, acd, queue-calls). Figures are printed, never asserted.
 */
import { benchAcd } from './acd.ts';
import { benchCalls } from './calls.ts';
import { benchFoundation } from './foundation.ts';
import { benchMedia } from './media.ts';
import { benchQueueCalls } from './queue-calls.ts';
import { benchSipParser } from './sip-parser.ts';
import { benchSipRegister } from './sip-register.ts';

const BENCHES: Record<string, () => void | Promise<void>> = {
  foundation: benchFoundation,
  'sip-parser': benchSipParser,
  'sip-register': benchSipRegister,
  calls: benchCalls,
  media: benchMedia,
  acd: benchAcd,
  'queue-calls': benchQueueCalls,
};

const wanted = Bun.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
  const bench = BENCHES[name];
  if (!bench) {
    console.error(`unknown bench ${name}; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  await bench();
}
process.exit(0);
