import { expect, test } from 'bun:test';
import { DspError } from './dsp-error.ts';
import { openSpandsp, SPANDSP_DEBIAN_PACKAGE, statePointer } from './spandsp-library.ts';

test('a missing library is a DspError naming the Debian package to install', () => {
  let caught: unknown;
  try {
    openSpandsp('libspandsp-not-installed.so.9');
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DspError);
  expect((caught as DspError).code).toBe('dsp_spandsp_missing');
  expect((caught as DspError).message).toContain(`apt-get install ${SPANDSP_DEBIAN_PACKAGE}`);
  expect((caught as DspError).cause).toBeDefined();
});

test('the installed library opens and closes', () => {
  const spandsp = openSpandsp();
  expect(typeof spandsp.symbols.dtmf_rx).toBe('function');
  spandsp.close();
});

test('a NULL state from an _init function is a DspError, not a pointer', () => {
  expect(() => statePointer(null, 'dtmf_rx_init')).toThrow('dtmf_rx_init returned NULL');
});
