/**
 * Conference mixing (3-way calls, barge): each participant hears the sum of
 * everyone else. Per sample the sum of all inputs is formed once and each
 * participant's own input subtracted from it, so N parties cost O(N·frame),
 * not O(N²·frame), and no scratch buffer is needed.
 * A partial mix (supervisor listen, whisper) says per participant whom it
 * hears; each output is then the sum of just those inputs, costing
 * O(Σ|hears[i]|·frame).
 * Sums stay in full precision and are saturated to 16 bits only on output,
 * so a loud talker clips no mix it is not part of.
 */

/** `hears[i]`: the participants whose inputs participant i hears (indices into the inputs). */
export type Hearing = ReadonlyArray<ReadonlyArray<number>>;

/**
 * `inputs[i]` is what participant i says this frame (null: silent or muted);
 * `outputs[i]` receives what participant i hears (null: nobody listens).
 * Without `hears` each participant hears all the others; with it,
 * participant i hears exactly the inputs listed in `hears[i]` (an empty
 * list: silence). The indices are the caller's to check (the engine does,
 * once, when the mix is set up); one out of range counts as silent.
 * All frames have the same length. An output may be the same array as its
 * own participant's input, but not another participant's; with `hears`, no
 * output may be an input at all.
 */
export function mixFrames(inputs: ReadonlyArray<Int16Array | null>, outputs: ReadonlyArray<Int16Array | null>, hears?: Hearing): void {
  const parties = inputs.length;
  if (outputs.length !== parties) throw new RangeError(`${parties} inputs but ${outputs.length} outputs`);
  const n = frameLength(inputs, outputs);
  if (hears !== undefined) {
    mixSelected(inputs, outputs, hears, n);
    return;
  }
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

function mixSelected(inputs: ReadonlyArray<Int16Array | null>, outputs: ReadonlyArray<Int16Array | null>, hears: Hearing, n: number): void {
  const parties = inputs.length;
  if (hears.length !== parties) throw new RangeError(`${parties} inputs but ${hears.length} hearing lists`);
  for (const output of outputs) if (output && inputs.includes(output)) throw new RangeError('a partial mix cannot write into an input frame');
  for (let p = 0; p < parties; p++) {
    const output = outputs[p];
    if (!output) continue;
    const heard = hears[p] as ReadonlyArray<number>;
    for (let s = 0; s < n; s++) {
      let sum = 0;
      for (let h = 0; h < heard.length; h++) {
        const input = inputs[heard[h] as number];
        if (input) sum += input[s] as number;
      }
      output[s] = Math.max(-32768, Math.min(32767, sum));
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
