/**
 * The FFI declarations in spandsp-symbols.ts against the real spandsp: every
 * symbol resolves in the shared library, and a C program compiled against
 * the installed header (libspandsp-dev) proves that each function has exactly
 * the prototype written down here — the compiler refuses to assign a function
 * to a pointer of any other type — and reports the sizes behind the FFI types
 * chosen for those C types.
 */
import { describe, expect, test } from 'bun:test';
import { dlopen, FFIType } from 'bun:ffi';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSpandsp, SPANDSP_LIBRARY } from './spandsp-library.ts';
import { MAX_DTMF_DIGITS, SPANDSP_SYMBOLS } from './spandsp-symbols.ts';

type SymbolName = keyof typeof SPANDSP_SYMBOLS;

/** Each function as spandsp/dtmf.h (0.0.6) declares it. */
const PROTOTYPES: Record<SymbolName, { returns: string; args: string[] }> = {
  dtmf_rx_init: { returns: 'dtmf_rx_state_t *', args: ['dtmf_rx_state_t *', 'digits_rx_callback_t', 'void *'] },
  dtmf_rx_parms: { returns: 'void', args: ['dtmf_rx_state_t *', 'int', 'int', 'int', 'int'] },
  dtmf_rx: { returns: 'int', args: ['dtmf_rx_state_t *', 'const int16_t *', 'int'] },
  dtmf_rx_fillin: { returns: 'int', args: ['dtmf_rx_state_t *', 'int'] },
  dtmf_rx_get: { returns: 'size_t', args: ['dtmf_rx_state_t *', 'char *', 'int'] },
  dtmf_rx_free: { returns: 'int', args: ['dtmf_rx_state_t *'] },
  dtmf_tx_init: { returns: 'dtmf_tx_state_t *', args: ['dtmf_tx_state_t *'] },
  dtmf_tx_set_level: { returns: 'void', args: ['dtmf_tx_state_t *', 'int', 'int'] },
  dtmf_tx_set_timing: { returns: 'void', args: ['dtmf_tx_state_t *', 'int', 'int'] },
  dtmf_tx_put: { returns: 'int', args: ['dtmf_tx_state_t *', 'const char *', 'int'] },
  dtmf_tx: { returns: 'int', args: ['dtmf_tx_state_t *', 'int16_t *', 'int'] },
  dtmf_tx_free: { returns: 'int', args: ['dtmf_tx_state_t *'] },
};

const HEADER = '/usr/include/spandsp/dtmf.h';
const CC = ['/usr/bin/cc', '/usr/bin/gcc'].find(existsSync);
const skipReason = !existsSync(HEADER)
  ? `${HEADER} is missing (install libspandsp-dev)`
  : CC === undefined
    ? 'no C compiler (cc) to check the prototypes with'
    : null;
if (skipReason) process.stderr.write(`spandsp ABI prototype check skipped: ${skipReason}\n`);

interface CSizes {
  int: number;
  int16_t: number;
  size_t: number;
  char: number;
  pointer: number;
  MAX_DTMF_DIGITS: number;
}

function cProgram(): string {
  const checks = Object.entries(PROTOTYPES).map(
    ([name, p]) => `static ${p.returns} (*const check_${name})(${p.args.join(', ')}) = ${name};`,
  );
  const used = Object.keys(PROTOTYPES).map((name) => `check_${name} != 0`);
  return [
    '#include <stdio.h>',
    '#include <spandsp.h>',
    ...checks,
    'int main(void) {',
    `  int linked = ${used.join(' && ')};`,
    '  printf("{\\"int\\":%zu,\\"int16_t\\":%zu,\\"size_t\\":%zu,\\"char\\":%zu,\\"pointer\\":%zu,\\"MAX_DTMF_DIGITS\\":%d}\\n",',
    '         sizeof(int), sizeof(int16_t), sizeof(size_t), sizeof(char), sizeof(void *), MAX_DTMF_DIGITS);',
    '  return linked ? 0 : 1;',
    '}',
  ].join('\n');
}

/** Compiles and runs the check program; the compiler's message is the failure when a prototype differs. */
function compileAndMeasure(cc: string): CSizes {
  const dir = mkdtempSync(join(tmpdir(), 'spandsp-abi-'));
  try {
    writeFileSync(join(dir, 'abi.c'), cProgram());
    const build = Bun.spawnSync([cc, '-std=c11', '-Wall', '-Werror', '-o', join(dir, 'abi'), join(dir, 'abi.c'), '-lspandsp']);
    if (build.exitCode !== 0) throw new Error(`spandsp prototypes differ from the FFI table:\n${build.stderr.toString()}`);
    const run = Bun.spawnSync([join(dir, 'abi')]);
    if (run.exitCode !== 0) throw new Error(`ABI probe failed: ${run.stderr.toString()}`);
    return JSON.parse(run.stdout.toString()) as CSizes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The FFI type a C type must be declared as, given the sizes measured on this machine. */
function ffiTypeOf(cType: string, sizes: CSizes): FFIType {
  if (cType === 'void') return FFIType.void;
  if (cType.endsWith('*') || cType.endsWith('_callback_t')) {
    expect(sizes.pointer).toBe(8);
    return FFIType.ptr;
  }
  if (cType === 'int') {
    expect(sizes.int).toBe(4);
    return FFIType.i32;
  }
  if (cType === 'size_t') {
    expect(sizes.size_t).toBe(8);
    return FFIType.u64_fast;
  }
  throw new Error(`no FFI mapping for C type ${cType}`);
}

describe('spandsp ABI', () => {
  test('every declared function resolves in the shared library', () => {
    // dlopen looks up every declared symbol and throws on the first one missing.
    const spandsp = openSpandsp();
    try {
      for (const name of Object.keys(SPANDSP_SYMBOLS) as SymbolName[]) expect(typeof spandsp.symbols[name]).toBe('function');
    } finally {
      spandsp.close();
    }
    expect(() => dlopen(SPANDSP_LIBRARY, { dtmf_rx_no_such_function: { args: [], returns: FFIType.void } })).toThrow();
  });

  test('the prototype table covers exactly the declared functions', () => {
    expect(Object.keys(PROTOTYPES).sort()).toEqual(Object.keys(SPANDSP_SYMBOLS).sort());
  });

  test.skipIf(skipReason !== null)('the header declares exactly these prototypes, and the FFI types match their C types', () => {
    const sizes = compileAndMeasure(CC as string);
    for (const [name, p] of Object.entries(PROTOTYPES) as [SymbolName, (typeof PROTOTYPES)[SymbolName]][]) {
      const declared: { readonly args: readonly FFIType[]; readonly returns: FFIType } = SPANDSP_SYMBOLS[name];
      expect({ name, args: [...declared.args], returns: declared.returns }).toEqual({
        name,
        args: p.args.map((a) => ffiTypeOf(a, sizes)),
        returns: ffiTypeOf(p.returns, sizes),
      });
    }
    // The buffers handed to those pointers: samples as Int16Array, keys as bytes.
    expect(sizes.int16_t).toBe(Int16Array.BYTES_PER_ELEMENT);
    expect(sizes.char).toBe(Uint8Array.BYTES_PER_ELEMENT);
    expect(sizes.MAX_DTMF_DIGITS).toBe(MAX_DTMF_DIGITS);
  });
});
