/**
 * A bare UDP socket for tests that speak SIP by hand: send raw text to the
 * box, collect every response it parses, wait for the one with a Call-ID.
 */
import { parseSipMessage, type SipResponse } from '../../appliance/src/sip/index.ts';

export interface UdpSipProbe {
  port: number;
  answers: SipResponse[];
  send(text: string | Uint8Array, toPort: number): void;
  /** The first response with that Call-ID, or undefined after `timeoutMs`. */
  waitFor(callId: string, timeoutMs?: number): Promise<SipResponse | undefined>;
  /** The next response after the `already` seen, or null after `timeoutMs`. */
  next(already: number, timeoutMs?: number): Promise<SipResponse | null>;
  close(): void;
}

export async function openUdpSipProbe(): Promise<UdpSipProbe> {
  const answers: SipResponse[] = [];
  const socket = await Bun.udpSocket({
    hostname: '127.0.0.1',
    socket: {
      data(_s, data) {
        const r = parseSipMessage(data, { stream: false });
        if (r.kind === 'message' && !r.message.isRequest) answers.push(r.message as SipResponse);
      },
    },
  });
  const poll = async <T>(probe: () => T | undefined, timeoutMs: number): Promise<T | undefined> => {
    const deadline = Date.now() + timeoutMs;
    for (let found = probe(); Date.now() < deadline; found = probe()) {
      if (found !== undefined) return found;
      await Bun.sleep(5);
    }
    return probe();
  };
  return {
    port: socket.port,
    answers,
    send: (text, toPort) => socket.send(text, toPort, '127.0.0.1'),
    waitFor: (callId, timeoutMs = 500) => poll(() => answers.find((a) => a.callId() === callId), timeoutMs),
    next: async (already, timeoutMs = 500) => (await poll(() => answers[already], timeoutMs)) ?? null,
    close: () => socket.close(),
  };
}
