/**
 * Checks a recording's RIFF/WAVE header against the file (the sizes a
 * recorder patches in when it closes the file) and reads its format.
 *
 *   "RIFF" size(file-8) "WAVE" | "fmt " 16 format channels rate byteRate blockAlign bits | … | "data" size samples…
 */
import { openSync, readSync, closeSync, statSync } from 'node:fs';

export interface WavCheck {
  problems: string[];
  channels: number;
  sampleRate: number;
  bits: number;
  seconds: number;
}

export function checkWav(path: string): WavCheck {
  const size = statSync(path).size;
  const head = new Uint8Array(Math.min(size, 4096));
  const fd = openSync(path, 'r');
  readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const view = new DataView(head.buffer);
  const tag = (at: number) => new TextDecoder('latin1').decode(head.subarray(at, at + 4));
  const problems: string[] = [];
  const result: WavCheck = { problems, channels: 0, sampleRate: 0, bits: 0, seconds: 0 };
  if (size < 44 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return { ...result, problems: ['not a RIFF/WAVE file'] };
  if (view.getUint32(4, true) !== size - 8) problems.push(`RIFF size ${view.getUint32(4, true)}, file has ${size - 8} bytes after it`);
  for (let at = 12; at + 8 <= head.length; ) {
    const id = tag(at);
    const length = view.getUint32(at + 4, true);
    if (id === 'fmt ') {
      const format = view.getUint16(at + 8, true);
      result.channels = view.getUint16(at + 10, true);
      result.sampleRate = view.getUint32(at + 12, true);
      result.bits = view.getUint16(at + 22, true);
      const blockAlign = (result.channels * result.bits) / 8;
      if (format !== 1) problems.push(`format ${format}, not PCM`);
      if (view.getUint32(at + 16, true) !== result.sampleRate * blockAlign) problems.push('byte rate does not match rate × block align');
      if (view.getUint16(at + 20, true) !== blockAlign) problems.push('block align does not match channels × bits');
    } else if (id === 'data') {
      if (result.sampleRate === 0) problems.push('data chunk before fmt chunk');
      if (length !== size - at - 8) problems.push(`data size ${length}, file has ${size - at - 8} bytes of data`);
      result.seconds = result.sampleRate > 0 ? length / (result.sampleRate * ((result.channels * result.bits) / 8)) : 0;
      return result;
    }
    at += 8 + length + (length % 2);
  }
  return { ...result, problems: [...problems, 'no data chunk'] };
}
