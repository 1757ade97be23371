import { expect, test } from 'bun:test';
import { setSocketBuffers } from './socket-buffers.ts';

test('grows the kernel buffers of a real UDP socket', async () => {
  const socket = await Bun.udpSocket({ hostname: '127.0.0.1' });
  const before = setSocketBuffers((socket as unknown as { fd: number }).fd, { receive: 64 * 1024, send: 64 * 1024 });
  const after = setSocketBuffers((socket as unknown as { fd: number }).fd, { receive: 2 * 1024 * 1024, send: 1024 * 1024 });
  socket.close();
  expect(before).not.toBeNull();
  expect(after?.receive ?? 0).toBeGreaterThan(before?.receive ?? 0);
});

test('reports a closed or bogus fd as unchangeable', () => {
  expect(setSocketBuffers(-1, { receive: 1024, send: 1024 })).toBeNull();
});
