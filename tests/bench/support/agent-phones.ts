/**
 * Many agents' phones behind one UDP port, as registerCallee does for one:
 * SIPp registers every extension from the same local port (one REGISTER
 * dialog per row, -m N), so each binding's Contact is that port, and SIPp
 * called-phone processes then answer on it for all of them.
 */
import { credentialRows } from '../../support/sipp.ts';
import { freeUdpPort } from '../../support/free-ports.ts';
import { freeMediaPort } from './bench-box.ts';
import { type SippLoad, spawnSipp, untilBound } from './sipp-load.ts';

export interface AgentPhones {
  port: number;
  registered: number;
  /** Starts SIPp answering on the registered port with `scenario`; -timeout bounds its life. */
  answer(scenario: string, timeoutS: number): Promise<SippLoad>;
}

export interface RegisterOptions {
  target: string;
  extensions: [number: string, secret: string][];
  /** REGISTERs per second. */
  rate?: number;
  /** The port to register from; a free one when absent (the socket-phone bench binds it itself afterwards). */
  port?: number;
}

/** Registers every extension (Expires 3600) from one port; throws with SIPp's output when any fails. */
export async function registerAgentPhones(o: RegisterOptions): Promise<AgentPhones> {
  const port = o.port ?? (await freeUdpPort());
  const n = o.extensions.length;
  const rate = o.rate ?? 100;
  const reg = await spawnSipp({
    scenario: 'bench-register.xml',
    target: o.target,
    port,
    mediaPort: await freeMediaPort(),
    rows: credentialRows(o.extensions),
    args: ['-m', String(n), '-r', String(rate), '-l', String(Math.max(10, rate)), '-timeout', String(Math.ceil(n / rate) + 30), '-timeout_error'],
  }).result;
  if (reg.successful !== n) throw new Error(`registering ${n} extensions from UDP ${port}: ${reg.successful} succeeded\n${reg.output.slice(-1500)}\n${reg.errors.slice(-1500)}`);
  return {
    port,
    registered: reg.successful,
    async answer(scenario, timeoutS) {
      const uas = spawnSipp({ scenario, port, mediaPort: await freeMediaPort(), args: ['-timeout', String(timeoutS)] });
      if (!(await untilBound(port))) {
        await uas.stop(1000);
        throw new Error(`SIPp ${scenario} did not bind UDP ${port}`);
      }
      return uas;
    },
  };
}
