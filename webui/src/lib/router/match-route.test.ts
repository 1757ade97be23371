import { describe, expect, test } from 'bun:test';
import { findRoute, matchRoute } from './match-route';

describe('matchRoute', () => {
  test.each([
    ['/', '/', {}],
    ['/extensions', '/extensions', {}],
    ['/extensions', '/extensions/', {}],
    ['/extensions/:id', '/extensions/42', { id: '42' }],
    ['/extensions/:id', '/extensions/a%20b', { id: 'a b' }],
  ])('%p matches %p', (pattern, path, params) => {
    expect(matchRoute(pattern, path)).toEqual(params);
  });

  test.each([
    ['/extensions', '/'],
    ['/extensions', '/trunks'],
    ['/extensions/:id', '/extensions'],
    ['/extensions/:id', '/extensions/1/edit'],
    ['/extensions/:id', '/extensions/%E0%A4%A'],
  ])('%p does not match %p', (pattern, path) => {
    expect(matchRoute(pattern, path)).toBeNull();
  });

  test('findRoute takes the first match, so /new wins over /:id', () => {
    const routes = [{ pattern: '/extensions/new' }, { pattern: '/extensions/:id' }];
    expect(findRoute(routes, '/extensions/new')?.route).toBe(routes[0]);
    expect(findRoute(routes, '/extensions/7')?.params).toEqual({ id: '7' });
    expect(findRoute(routes, '/nowhere')).toBeNull();
  });
});
