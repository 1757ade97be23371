/**
 * Raw FFI declarations of the spandsp 0.0.6 functions the appliance calls,
 * exactly as `spandsp/dtmf.h` prototypes them; spandsp-abi.test.ts compiles
 * the same prototypes against the header so a drift fails the build.
 *
 * Digits are collected by polling `dtmf_rx_get` instead of registering a
 * callback: a C→JS callback would have to be bound to the JS thread that made
 * it, and the detector runs inside the media Worker.
 */
import { FFIType } from 'bun:ffi';

/** Capacity of spandsp's digit queues (`MAX_DTMF_DIGITS` in dtmf.h), both the receiver's and the sender's. */
export const MAX_DTMF_DIGITS = 128;

export const SPANDSP_SYMBOLS = {
  /** dtmf_rx_state_t *dtmf_rx_init(dtmf_rx_state_t *s, digits_rx_callback_t callback, void *user_data) */
  dtmf_rx_init: { args: [FFIType.ptr, FFIType.ptr, FFIType.ptr], returns: FFIType.ptr },
  /** void dtmf_rx_parms(dtmf_rx_state_t *s, int filter_dialtone, int twist, int reverse_twist, int threshold) */
  dtmf_rx_parms: { args: [FFIType.ptr, FFIType.i32, FFIType.i32, FFIType.i32, FFIType.i32], returns: FFIType.void },
  /** int dtmf_rx(dtmf_rx_state_t *s, const int16_t amp[], int samples) */
  dtmf_rx: { args: [FFIType.ptr, FFIType.ptr, FFIType.i32], returns: FFIType.i32 },
  /** int dtmf_rx_fillin(dtmf_rx_state_t *s, int samples) — audio lost: restarts the block without judging it. */
  dtmf_rx_fillin: { args: [FFIType.ptr, FFIType.i32], returns: FFIType.i32 },
  /** size_t dtmf_rx_get(dtmf_rx_state_t *s, char *digits, int max) — writes max + 1 bytes (a NUL follows). */
  dtmf_rx_get: { args: [FFIType.ptr, FFIType.ptr, FFIType.i32], returns: FFIType.u64_fast },
  /** int dtmf_rx_free(dtmf_rx_state_t *s) */
  dtmf_rx_free: { args: [FFIType.ptr], returns: FFIType.i32 },
  /** dtmf_tx_state_t *dtmf_tx_init(dtmf_tx_state_t *s) */
  dtmf_tx_init: { args: [FFIType.ptr], returns: FFIType.ptr },
  /** void dtmf_tx_set_level(dtmf_tx_state_t *s, int level, int twist) */
  dtmf_tx_set_level: { args: [FFIType.ptr, FFIType.i32, FFIType.i32], returns: FFIType.void },
  /** void dtmf_tx_set_timing(dtmf_tx_state_t *s, int on_time, int off_time) */
  dtmf_tx_set_timing: { args: [FFIType.ptr, FFIType.i32, FFIType.i32], returns: FFIType.void },
  /** int dtmf_tx_put(dtmf_tx_state_t *s, const char *digits, int len) — 0.0.6 returns 0, or how many digits did not fit. */
  dtmf_tx_put: { args: [FFIType.ptr, FFIType.ptr, FFIType.i32], returns: FFIType.i32 },
  /** int dtmf_tx(dtmf_tx_state_t *s, int16_t amp[], int max_samples) */
  dtmf_tx: { args: [FFIType.ptr, FFIType.ptr, FFIType.i32], returns: FFIType.i32 },
  /** int dtmf_tx_free(dtmf_tx_state_t *s) */
  dtmf_tx_free: { args: [FFIType.ptr], returns: FFIType.i32 },
} as const;
