/**
 * Opens libspandsp (Debian: libspandsp2, 0.0.6) once per thread that needs
 * it. The composition root of that thread (main, or the media Worker) calls
 * `openSpandsp()` and hands the handle to the detectors and generators it
 * makes; nothing here caches it.
 */
import { dlopen, type Library, type Pointer } from 'bun:ffi';
import { DspError } from './dsp-error.ts';
import { SPANDSP_SYMBOLS } from './spandsp-symbols.ts';

export const SPANDSP_LIBRARY = 'libspandsp.so.2';
export const SPANDSP_DEBIAN_PACKAGE = 'libspandsp2';

export type SpandspLibrary = Library<typeof SPANDSP_SYMBOLS>;
export type SpandspSymbols = SpandspLibrary['symbols'];

/** What detectors and generators need: the library `openSpandsp()` returns, or a stand-in with the same symbols. */
export interface SpandspHandle {
  readonly symbols: SpandspSymbols;
}

/** Throws `DspError('spandsp_missing')` naming the package to install when the library or a symbol is absent. */
export function openSpandsp(name: string = SPANDSP_LIBRARY): SpandspLibrary {
  try {
    return dlopen(name, SPANDSP_SYMBOLS);
  } catch (error) {
    throw new DspError(
      'spandsp_missing',
      `cannot load ${name} (in-band DTMF needs the Debian package ${SPANDSP_DEBIAN_PACKAGE}: apt-get install ${SPANDSP_DEBIAN_PACKAGE})`,
      { cause: error },
    );
  }
}

/** A state pointer returned by an `_init` function; NULL (allocation failed) becomes `DspError('spandsp_failed')`. */
export function statePointer(value: Pointer | bigint | null, from: string): Pointer {
  if (value === null) throw new DspError('spandsp_failed', `${from} returned NULL (out of memory)`);
  // Bun hands back a number for any user-space address; the bigint case exists only in its types.
  return typeof value === 'bigint' ? (Number(value) as Pointer) : value;
}
