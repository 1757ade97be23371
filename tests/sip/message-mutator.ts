/** A seeded mutator for SIP messages: byte flips, splices and SIP-shaped insertions. */

/** xorshift32: deterministic, so a failing case can be replayed from its seed. */
export function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

const SNIPPETS = ['\r\n', '\r\n ', ':', ';', ',', '"', '\\', '<', '>', '=', '%', '%00', '\0', ' ', '\t', 'SIP/2.0', '99999999999999999999', '-1', 'z9hG4bK', '[::1]', '@', 'sip:', '\r\n\r\n', 'Content-Length: 9', '\xff\xfe'];

export function mutate(input: Uint8Array, random: () => number): Uint8Array {
  const bytes = Array.from(input);
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (bytes.length + 1));
    switch (Math.floor(random() * 6)) {
      case 0:
        if (bytes.length > 0) bytes[at % bytes.length] = Math.floor(random() * 256);
        break;
      case 1:
        bytes.splice(at, Math.floor(random() * 16));
        break;
      case 2: {
        const from = Math.floor(random() * bytes.length);
        bytes.splice(at, 0, ...bytes.slice(from, from + Math.floor(random() * 32)));
        break;
      }
      case 3: {
        const snippet = SNIPPETS[Math.floor(random() * SNIPPETS.length)] as string;
        bytes.splice(at, 0, ...Buffer.from(snippet, 'latin1'));
        break;
      }
      case 4:
        bytes.length = Math.min(bytes.length, at);
        break;
      default:
        bytes.splice(at, 0, Math.floor(random() * 256));
    }
  }
  return Uint8Array.from(bytes);
}
