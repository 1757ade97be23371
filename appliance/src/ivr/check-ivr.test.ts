import { afterEach, describe, expect, test } from 'bun:test';
import { ProvisioningError } from '../errors.ts';
import { applyProvisioning, exportProvisioningYaml, parseProvisionYaml } from '../provisioning/index.ts';
import { type TempServices, tempServices } from '../testing/temp-services.ts';
import { checkIvrDefinition, checkIvrInput } from './check-ivr.ts';

const lookups = { extension: (n: string) => n === '1001', queue: (n: string) => n === '6001', ivr: () => false };

describe('checkIvrDefinition', () => {
  test.each<[string, unknown, { path: string; message: string }[]]>([
    ['a valid menu', { greeting: { tts: 'hi' }, options: { '1': { queue: '6001' } } }, []],
    ['a menu without a greeting text or file', { greeting: {}, options: {} }, [{ path: 'greeting', message: 'needs tts or file' }]],
    ['a menu greeting outside the sounds directory', { greeting: { file: '../x.wav' }, options: {} }, [{ path: 'greeting.file', message: '../x.wav must be a path inside the sounds directory (no leading /, no ..)' }]],
    ['a menu option to a missing extension', { greeting: { tts: 'hi' }, options: { '2': { extension: '1999' } } }, [{ path: 'options.2.extension', message: 'no extension 1999' }]],
    ['a menu on_timeout to a missing queue', { greeting: { tts: 'hi' }, options: {}, on_timeout: { queue: '6002' } }, [{ path: 'on_timeout.queue', message: 'no queue 6002' }]],
    ['a menu with a field of neither form', { greeting: { tts: 'hi' }, options: {}, colour: 'red' }, [{ path: 'colour', message: 'Unexpected property' }]],
    ['a flow with an unknown language', { language: 'fr', flow: { start: 'a', nodes: { a: { type: 'hangup' } } } }, [{ path: 'language', message: 'must be zh or en' }]],
    ['a flow with a field it does not have', { greeting: { tts: 'x' }, flow: { start: 'a', nodes: { a: { type: 'hangup' } } } }, [{ path: 'greeting', message: 'unknown field (a flow IVR has flow and language)' }]],
    ['a flow with a missing node', { flow: { start: 'a', nodes: { a: { type: 'play', prompt: { tts: 'x' }, next: 'b' } } } }, [{ path: 'flow.nodes.a', message: 'next: no node b' }]],
    ['a flow without start', { flow: { nodes: { a: { type: 'hangup' } } } }, [{ path: 'flow', message: 'start: missing' }]],
  ])('%s', (_name, definition, issues) => {
    expect(checkIvrDefinition(definition, lookups)).toEqual(issues);
  });

  test('checkIvrInput checks the name too', () => {
    expect(checkIvrInput({ name: 'bad name', greeting: { tts: 'hi' }, options: {} })).toEqual([{ path: 'name', message: 'needs 1-64 letters, digits, _ or -' }]);
  });
});

describe('flows in provisioning files', () => {
  const boxes: TempServices[] = [];
  afterEach(() => {
    for (const b of boxes.splice(0)) b.close();
  });
  const apply = (yaml: string) => {
    const b = tempServices();
    boxes.push(b);
    return { s: b.services, run: (text = yaml) => applyProvisioning(b.services, parseProvisionYaml(text), { actor: 'test', source: 'unit' }) };
  };

  const YAML = `
extensions:
  - { number: "1001", name: Desk, secret: "Secret-1001" }
ivrs:
  - name: balance
    language: zh
    flow:
      start: ask
      nodes:
        ask: { type: collect, prompt: { tts: "请输入账号" }, min: 4, max: 8, timeout_s: 5, var: account, next: agent, on_fail: agent }
        agent: { type: goto, destination: { extension: "1001" } }
`;

  test('a flow IVR applies, and applying its export again changes nothing', async () => {
    const { s, run } = apply(YAML);
    expect(await run()).toMatchObject({ created: 2 });
    expect(s.ivrs.current('balance')).toMatchObject({ version: 1, language: 'zh', flow: { start: 'ask' } });
    const exported = exportProvisioningYaml(s, 'now');
    expect(await run(exported)).toMatchObject({ created: 0, updated: 0 });
  });

  test('a flow IVR naming a missing extension is refused with its key path', async () => {
    const { run } = apply(YAML.replace('extension: "1001" }', 'extension: "1999" }'));
    const error = await Promise.resolve()
      .then(() => run())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisioningError);
    expect((error as ProvisioningError).issues).toContainEqual({ path: 'ivrs[0].flow.nodes.agent', message: 'destination.extension: no extension 1999' });
  });
});
