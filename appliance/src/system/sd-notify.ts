/**
 * systemd's notify protocol (sd_notify(3)): READY=1 when the service answers,
 * WATCHDOG=1 at half the watchdog interval, STOPPING=1 on shutdown. Without
 * NOTIFY_SOCKET (not under systemd) every call is a no-op.
 */
import type { Scheduler, Timer } from './clock.ts';
import type { Logger } from './logger.ts';
import { UnixDatagramSender } from './unix-datagram.ts';

export interface Notifier {
  ready(status?: string): void;
  stopping(): void;
  status(text: string): void;
  close(): void;
}

export interface SdNotifyOptions {
  env: Record<string, string | undefined>;
  pid: number;
  scheduler: Scheduler;
  logger: Logger;
  /** Opens the datagram socket; replaced in tests that need a failing socket. */
  open?: (address: string) => { send(message: string): boolean; close(): void };
}

/** The watchdog interval in ms if systemd asked this process for pings. */
export function watchdogIntervalMs(env: Record<string, string | undefined>, pid: number): number | null {
  const usec = Number(env.WATCHDOG_USEC);
  if (!Number.isFinite(usec) || usec <= 0) return null;
  if (env.WATCHDOG_PID && Number(env.WATCHDOG_PID) !== pid) return null;
  return Math.max(1, Math.floor(usec / 1000));
}

export function createSdNotifier(options: SdNotifyOptions): Notifier {
  const address = options.env.NOTIFY_SOCKET;
  if (!address) return { ready() {}, stopping() {}, status() {}, close() {} };
  const socket = (options.open ?? UnixDatagramSender.open)(address);
  const send = (message: string) => {
    if (!socket.send(message)) options.logger.warn('sd_notify datagram not delivered', { message });
  };
  const interval = watchdogIntervalMs(options.env, options.pid);
  let watchdog: Timer | null = null;
  return {
    ready(status) {
      send(status ? `READY=1\nSTATUS=${status}` : 'READY=1');
      if (interval !== null && !watchdog) {
        watchdog = options.scheduler.every(Math.max(1, Math.floor(interval / 2)), () => send('WATCHDOG=1'));
      }
    },
    stopping() {
      watchdog?.cancel();
      watchdog = null;
      send('STOPPING=1');
    },
    status(text) {
      send(`STATUS=${text}`);
    },
    close() {
      watchdog?.cancel();
      socket.close();
    },
  };
}
