import { describe, expect, test } from 'bun:test';
import { FakeClock } from '../system/fake-clock.ts';
import { LoginLimiter } from './login-limiter.ts';

const limits = { windowMs: 60_000, lockoutMs: 120_000, maxPerAccount: 3, maxPerSource: 5 };

describe('login limiter', () => {
  test('locks an account from one address after maxPerAccount failures, for lockoutMs', () => {
    const clock = new FakeClock();
    const limiter = new LoginLimiter(clock, limits);
    for (let i = 0; i < 2; i++) limiter.recordFailure('10.0.0.1', 'admin');
    expect(limiter.retryAfter('10.0.0.1', 'admin')).toBe(0);
    limiter.recordFailure('10.0.0.1', 'ADMIN');
    expect(limiter.retryAfter('10.0.0.1', 'admin')).toBe(120);
    expect(limiter.retryAfter('10.0.0.2', 'admin')).toBe(0);
    clock.advance(119_000);
    expect(limiter.retryAfter('10.0.0.1', 'admin')).toBe(1);
    clock.advance(1_000);
    expect(limiter.retryAfter('10.0.0.1', 'admin')).toBe(0);
  });

  test('failures older than the window do not count', () => {
    const clock = new FakeClock();
    const limiter = new LoginLimiter(clock, limits);
    limiter.recordFailure('a', 'u');
    limiter.recordFailure('a', 'u');
    clock.advance(60_001);
    limiter.recordFailure('a', 'u');
    expect(limiter.retryAfter('a', 'u')).toBe(0);
  });

  test('locks the whole address when it sprays many usernames', () => {
    const limiter = new LoginLimiter(new FakeClock(), limits);
    for (let i = 0; i < 5; i++) limiter.recordFailure('a', `user${i}`);
    expect(limiter.retryAfter('a', 'someone-else')).toBe(120);
  });

  test('success clears the account count', () => {
    const limiter = new LoginLimiter(new FakeClock(), limits);
    limiter.recordFailure('a', 'u');
    limiter.recordFailure('a', 'u');
    limiter.recordSuccess('a', 'u');
    limiter.recordFailure('a', 'u');
    expect(limiter.retryAfter('a', 'u')).toBe(0);
  });
});
