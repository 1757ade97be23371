import { describe, expect, test } from 'bun:test';
import { accessRedirect } from './access';
import { safeNextPath } from './navigation';

describe('accessRedirect', () => {
  test.each([
    ['starting', 'signed-in', '/extensions', '', null],
    ['signed-in', 'signed-in', '/extensions', '', null],
    ['signed-out', 'signed-out', '/login', '', null],
    ['needs-setup', 'needs-setup', '/setup', '?token=abc', null],
    ['signed-out', 'signed-in', '/extensions', '?x=1', '/login?next=%2Fextensions%3Fx%3D1'],
    ['signed-out', 'signed-in', '/', '', '/login'],
    ['signed-out', 'needs-setup', '/setup', '', '/login'],
    ['needs-setup', 'signed-in', '/', '?token=abc', '/setup?token=abc'],
    ['needs-setup', 'signed-out', '/login', '', '/setup'],
    ['signed-in', 'signed-out', '/login', '?next=%2Ftrunks', '/trunks'],
    ['signed-in', 'signed-out', '/login', '?next=https%3A%2F%2Fevil.example', '/'],
    ['signed-in', 'needs-setup', '/setup', '', '/'],
  ] as const)('phase %p on a %p page %p%p goes to %p', (phase, pagePhase, path, search, expected) => {
    expect(accessRedirect({ phase, pagePhase, path, search })).toBe(expected);
  });
});

test('after an explicit logout the login page does not send the next user back', () => {
  const options = { phase: 'signed-out', pagePhase: 'signed-in', path: '/users', search: '' } as const;
  expect(accessRedirect({ ...options, rememberPage: false })).toBe('/login');
});

describe('safeNextPath', () => {
  test.each([
    [null, '/'],
    ['/users/3', '/users/3'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['/login?next=/x', '/'],
  ])('%p gives %p', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
