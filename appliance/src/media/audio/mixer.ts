/**
 * Conference mixing (3-way calls, barge): each participant hears the sum of
 * everyone else. Per sample the sum of all inputs is formed once and each
 * participant's own input subtracted from it, so N parties cost O(N·frame),
 * not O(N²·frame), and no scratch buffer is needed.
 * Sums stay in full precision and are saturated to 16 bits only on output,
 * so a loud talker clips no mix it is not part of.
 */

/**
 * `inputs[i]` is what participant i says this frame (null: silent or muted);
 * `outputs[i]` receives what participant i hears (null: nobody listens).
 * All frames have the same length. An output may be the same array as its
 * own participant's input, but not another participant's.
 */
export function mixFrames(inputs: ReadonlyArray<Int16Array | null>, outputs: ReadonlyArray<Int16Array | null>): void {
  const parties = inputs.length;
  if (outputs.length !== parties) throw new RangeError(`${parties} inputs but ${outputs.length} outputs`);
  const n = frameLength(inputs, outputs);
  for (let s = 0; s < n; s++) {
    let total = 0;
    for (let p = 0; p < parties; p++) {
      const input = inputs[p];
      if (input) total += input[s] as number;
    }
    for (let p = 0; p < parties; p++) {
      const output = outputs[p];
      if (!output) continue;
      const own = inputs[p];
      const v = own ? total - (own[s] as number) : total;
      output[s] = Math.max(-32768, Math.min(32767, v));
    }
  }
}

function frameLength(inputs: ReadonlyArray<Int16Array | null>, outputs: ReadonlyArray<Int16Array | null>): number {
  let n = -1;
  for (const frames of [inputs, outputs]) {
    for (const frame of frames) {
      if (!frame) continue;
      if (n === -1) n = frame.length;
      else if (frame.length !== n) throw new RangeError(`frames of ${n} and ${frame.length} samples in one mix`);
    }
  }
  return Math.max(n, 0);
}
