import { describe, expect, test } from 'bun:test';
import { ConfigError } from '../errors.ts';
import { loadConfig, splitArgs } from './config.ts';

const load = (env: Record<string, string>, argv: string[] = []) => loadConfig(env, splitArgs(argv).flags);

describe('start configuration', () => {
  test('embedded defaults match CONTRACT.md', () => {
    const c = load({});
    expect(c).toMatchObject({ dataDir: './data', sipPort: 5060, httpPort: 8080, rtpPorts: { min: 10000, max: 20000 }, provisionFile: null });
  });

  test('a flag wins over its environment variable', () => {
    const c = load({ HTTP_PORT: '9000', SIP_PORT: '5070' }, ['--http-port', '9001', '--data=/tmp/x']);
    expect(c.httpPort).toBe(9001);
    expect(c.sipPort).toBe(5070);
    expect(c.dataDir).toBe('/tmp/x');
  });

  test('reports every bad value at once, naming the variable or flag', () => {
    let error: unknown;
    try {
      load({ SIP_PORT: 'abc', RTP_PORTS: '20000' }, ['--http-port', '70000', '--bogus', '1']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const paths = (error as ConfigError).issues.map((i) => i.path).sort();
    expect(paths).toEqual(['--bogus', '--http-port', 'RTP_PORTS', 'SIP_PORT']);
  });

  test('refuses an inverted RTP range', () => {
    expect(() => load({ RTP_PORTS: '20000-10000' })).toThrow(/MIN must be below MAX/);
  });

  test('a flag without value is an error', () => {
    expect(splitArgs(['--data']).issues).toEqual([{ path: '--data', message: 'needs a value' }]);
  });
});
