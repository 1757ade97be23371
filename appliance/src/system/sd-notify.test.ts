import { afterEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from './fake-clock.ts';
import { silentLogger } from './logger.ts';
import { createSdNotifier, watchdogIntervalMs } from './sd-notify.ts';
import { encodeSockaddrUn, UnixDatagramReceiver } from './unix-datagram.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function receiver(): { path: string; socket: UnixDatagramReceiver; drain(): string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'sdnotify-'));
  dirs.push(dir);
  const path = join(dir, 'notify.sock');
  const socket = UnixDatagramReceiver.listen(path);
  return {
    path,
    socket,
    drain() {
      const out: string[] = [];
      for (let m = socket.tryReceive(); m !== null; m = socket.tryReceive()) out.push(m);
      return out;
    },
  };
}

describe('sd_notify over a real unix datagram socket', () => {
  test('sends READY=1, WATCHDOG=1 at half the interval, then STOPPING=1', () => {
    const systemd = receiver();
    const clock = new FakeClock();
    const notifier = createSdNotifier({
      env: { NOTIFY_SOCKET: systemd.path, WATCHDOG_USEC: '2000000' },
      pid: 42,
      scheduler: clock,
      logger: silentLogger,
    });
    notifier.ready('serving');
    expect(systemd.drain()).toEqual(['READY=1\nSTATUS=serving']);
    clock.advance(999);
    expect(systemd.drain()).toEqual([]);
    clock.advance(1);
    expect(systemd.drain()).toEqual(['WATCHDOG=1']);
    clock.advance(2000);
    expect(systemd.drain()).toEqual(['WATCHDOG=1', 'WATCHDOG=1']);
    notifier.stopping();
    clock.advance(5000);
    expect(systemd.drain()).toEqual(['STOPPING=1']);
    notifier.close();
    systemd.socket.close();
  });

  test('does nothing without NOTIFY_SOCKET', () => {
    const notifier = createSdNotifier({ env: {}, pid: 1, scheduler: new FakeClock(), logger: silentLogger });
    expect(() => {
      notifier.ready();
      notifier.stopping();
      notifier.close();
    }).not.toThrow();
  });

  test('ignores a watchdog meant for another pid', () => {
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '1000000', WATCHDOG_PID: '7' }, 8)).toBeNull();
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '1000000', WATCHDOG_PID: '8' }, 8)).toBe(1000);
    expect(watchdogIntervalMs({ WATCHDOG_USEC: 'x' }, 8)).toBeNull();
  });

  test('encodes abstract socket names with a leading NUL', () => {
    const { bytes, length } = encodeSockaddrUn('@systemd/notify');
    expect(bytes[2]).toBe(0);
    expect(new TextDecoder().decode(bytes.subarray(3, length))).toBe('systemd/notify');
    expect(length).toBe(2 + 1 + 'systemd/notify'.length);
  });

  test('delivers to an abstract-namespace socket', () => {
    const name = `@appliance-test-${process.pid}-${Math.floor(Math.random() * 1e9)}`;
    const socket = UnixDatagramReceiver.listen(name);
    const notifier = createSdNotifier({ env: { NOTIFY_SOCKET: name }, pid: 1, scheduler: new FakeClock(), logger: silentLogger });
    notifier.ready();
    expect(socket.tryReceive()).toBe('READY=1');
    notifier.close();
    socket.close();
  });
});
