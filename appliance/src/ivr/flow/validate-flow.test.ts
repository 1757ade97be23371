// biome-ignore-all lint/suspicious/noTemplateCurlyInString: flow templates are written ${name}, as the administrator writes them.
import { describe, expect, test } from 'bun:test';
import type { Flow } from './flow-schema.ts';
import { type FlowLookups, validateFlow } from './validate-flow.ts';

/** A valid flow with every node type. */
function sample(): Flow {
  return {
    start: 'welcome',
    nodes: {
      welcome: { type: 'play', prompt: { file: 'custom/welcome.wav' }, next: 'hours' },
      hours: { type: 'branch', cases: [{ time_condition: 'office', goto: 'menu' }, { caller: '_1[3-9]XXXXXXXXX', goto: 'menu' }], default: 'closed' },
      menu: {
        type: 'menu',
        prompt: { tts: '查询余额请按1，人工服务请按0' },
        options: { '1': 'account' },
        timeout_s: 5,
        retries: 2,
        on_fail: 'bye',
        operator: 'agent',
      },
      account: { type: 'collect', prompt: { tts: '请输入账号，以井号键结束' }, min: 4, max: 12, terminator: '#', timeout_s: 5, var: 'account', next: 'lookup', on_fail: 'menu' },
      lookup: {
        type: 'http',
        method: 'POST',
        url: 'https://erp.example.com/balance?caller=${caller}',
        body: { account: '${account}', nested: { at: '${now.date}' } },
        timeout_ms: 3000,
        assign: { balance: 'data.balance' },
        next: 'tell',
        on_error: 'agent',
      },
      tell: { type: 'say', say: 'amount', value: '${balance}', next: 'mark' },
      mark: { type: 'set', vars: { told: 'yes' }, next: 'message' },
      message: { type: 'record', prompt: { tts: '请留言' }, max_s: 60, var: 'message', next: 'bye' },
      closed: { type: 'goto', flow: 'night' },
      agent: { type: 'goto', destination: { queue: '6001' } },
      bye: { type: 'hangup', prompt: { tts: '再见' } },
    },
  };
}

const lookups: FlowLookups = {
  extension: (n) => n === '1001',
  queue: (n) => n === '6001',
  ivr: (n) => n === 'night',
  timeCondition: (n) => n === 'office',
};

type NodeName = 'welcome' | 'hours' | 'menu' | 'account' | 'lookup' | 'tell' | 'mark' | 'message' | 'closed' | 'agent' | 'bye';
/** The sample with its nodes as loose records, to break them in every way. */
type LooseFlow = { start: string; nodes: Record<NodeName, Record<string, unknown>> & Record<string, Record<string, unknown>> };
type Mutation = (f: LooseFlow) => void;

describe('validateFlow', () => {
  test('a flow with every node type passes', () => {
    expect(validateFlow(sample(), lookups)).toEqual([]);
  });

  const cases: [string, Mutation, { node: string; reason: string }][] = [
    ['start naming no node', (f) => (f.start = 'nowhere'), { node: '', reason: 'start: no node nowhere' }],
    ['next naming no node', (f) => (f.nodes.welcome.next = 'gone'), { node: 'welcome', reason: 'next: no node gone' }],
    ['a menu option naming no node', (f) => (f.nodes.menu.options = { '1': 'account', '2': 'x' }), { node: 'menu', reason: 'options.2: no node x' }],
    ['a branch case naming no node', (f) => ((f.nodes.hours.cases as { goto: string }[])[1] as { goto: string }).goto = 'x', { node: 'hours', reason: 'cases[1].goto: no node x' }],
    ['an unreachable node', (f) => (f.nodes.orphan = { type: 'hangup' }), { node: 'orphan', reason: 'unreachable from the start node' }],
    ['an unknown node type', (f) => (f.nodes.welcome.type = 'dance'), { node: 'welcome', reason: 'type: must be one of play, menu, collect, say, branch, http, set, record, goto, hangup' }],
    ['a missing required field', (f) => delete f.nodes.menu.on_fail, { node: 'menu', reason: 'on_fail: Expected required property' }],
    ['an unknown field', (f) => (f.nodes.welcome.colour = 'red'), { node: 'welcome', reason: 'colour: Unexpected property' }],
    ['an http timeout above 10 s', (f) => (f.nodes.lookup.timeout_ms = 20_000), { node: 'lookup', reason: 'timeout_ms: Expected integer to be less or equal to 10000' }],
    ['a say kind that does not exist', (f) => (f.nodes.tell.say = 'colour'), { node: 'tell', reason: 'say: must be one of digits, number, amount, date, time' }],
    ['an unclosed template', (f) => (f.nodes.tell.value = '${balance'), { node: 'tell', reason: 'value: unclosed ${ at position 0' }],
    ['a bad template in a prompt', (f) => (f.nodes.menu.prompt = { tts: '${1x}' }), { node: 'menu', reason: 'prompt.tts: ${1x} is not a variable name' }],
    ['a bad template in an http body', (f) => (f.nodes.lookup.body = { a: { b: '${' } }), { node: 'lookup', reason: 'body.a.b: unclosed ${ at position 0' }],
    ['an ftp url', (f) => (f.nodes.lookup.url = 'ftp://erp.example.com/x'), { node: 'lookup', reason: 'url: must start with http:// or https:// and a host' }],
    ['a url that starts with a variable', (f) => (f.nodes.lookup.url = '${base}/balance'), { node: 'lookup', reason: 'url: must start with http:// or https:// and a host' }],
    ['a prompt with tts and file', (f) => (f.nodes.welcome.prompt = { tts: 'x', file: 'a.wav' }), { node: 'welcome', reason: 'prompt: needs exactly one of tts or file' }],
    ['a file outside the sounds directory', (f) => (f.nodes.welcome.prompt = { file: '../etc/passwd' }), { node: 'welcome', reason: 'prompt.file: ../etc/passwd must be a path inside the sounds directory (no leading /, no ..)' }],
    ['an absolute file', (f) => (f.nodes.welcome.prompt = { file: '/etc/passwd' }), { node: 'welcome', reason: 'prompt.file: /etc/passwd must be a path inside the sounds directory (no leading /, no ..)' }],
    ['goto an IVR that does not exist', (f) => (f.nodes.closed.flow = 'weekend'), { node: 'closed', reason: 'flow: no IVR weekend' }],
    ['goto a queue that does not exist', (f) => (f.nodes.agent.destination = { queue: '6999' }), { node: 'agent', reason: 'destination.queue: no queue 6999' }],
    ['goto an extension that does not exist', (f) => (f.nodes.agent.destination = { extension: '1999' }), { node: 'agent', reason: 'destination.extension: no extension 1999' }],
    ['goto with two destinations', (f) => (f.nodes.agent.destination = { queue: '6001', extension: '1001' }), { node: 'agent', reason: 'destination: needs exactly one of extension, queue, ivr, voicemail, hangup, external (found 2)' }],
    ['goto with flow and destination', (f) => (f.nodes.closed.destination = { queue: '6001' }), { node: 'closed', reason: 'needs exactly one of destination or flow' }],
    ['a time condition that does not exist', (f) => ((f.nodes.hours.cases as object[])[0] = { time_condition: 'holidays', goto: 'menu' }), { node: 'hours', reason: 'cases[0].time_condition: no time condition holidays' }],
    ['a branch case with two conditions', (f) => ((f.nodes.hours.cases as object[])[0] = { caller: '138', var: 'x', goto: 'menu' }), { node: 'hours', reason: 'cases[0]: needs exactly one of time_condition, caller, var' }],
    ['a regular expression that does not compile', (f) => ((f.nodes.hours.cases as object[])[0] = { var: 'x', matches: '([', goto: 'menu' }), { node: 'hours', reason: 'cases[0].matches: ([ is not a regular expression' }],
    ['a caller pattern that does not compile', (f) => ((f.nodes.hours.cases as object[])[0] = { caller: '_1[3', goto: 'menu' }), { node: 'hours', reason: 'cases[0].caller: _1[3: [ without ]' }],
    ['collect min above max', (f) => (f.nodes.account.min = 20), { node: 'account', reason: 'min: 20 is more than max 12' }],
    ['assigning a system variable', (f) => (f.nodes.mark.vars = { caller: 'x' }), { node: 'mark', reason: 'vars.caller: caller is set by the system and cannot be assigned' }],
    ['an operator and an option on 0', (f) => (f.nodes.menu.options = { '1': 'account', '0': 'bye' }), { node: 'menu', reason: 'operator: key 0 is already an option' }],
    ['a GET with a body', (f) => (f.nodes.lookup.method = 'GET'), { node: 'lookup', reason: 'body: a GET request has no body' }],
    ['a menu key that is not a key', (f) => (f.nodes.menu.options = { '1': 'account', x: 'bye' }), { node: 'menu', reason: 'options.x: not an allowed key (^[0-9*#]$)' }],
    ['a bad node id', (f) => (f.nodes['a b'] = { type: 'hangup' }), { node: 'a b', reason: 'a node id is 1-64 letters, digits, _ . or -' }],
  ];

  test.each(cases)('refuses %s, naming the node and reason', (_name, mutate, issue) => {
    const flow = sample() as unknown as LooseFlow;
    mutate(flow);
    const issues = validateFlow(flow, lookups);
    // Schema messages may go on ("…property 'x'"); the start of the reason is what the test names.
    const reasons = issues.filter((i) => i.node === issue.node).map((i) => i.reason.slice(0, issue.reason.length));
    expect(reasons).toContain(issue.reason);
  });

  test('a flow that is not an object, or has no nodes', () => {
    expect(validateFlow(null)).toEqual([{ node: '', reason: 'a flow is an object with start and nodes' }]);
    expect(validateFlow({ start: 'a', nodes: {} })).toEqual([
      { node: '', reason: 'nodes: a flow needs at least one node' },
      { node: '', reason: 'start: no node a' },
    ]);
    expect(validateFlow({ nodes: { a: { type: 'hangup' } } })).toEqual([{ node: '', reason: 'start: missing' }]);
  });

  test('without lookups, names of other objects are not judged', () => {
    const flow = sample();
    (flow.nodes.closed as { flow: string }).flow = 'weekend';
    expect(validateFlow(flow)).toEqual([]);
  });

  test('a malformed node still counts as a target, and does not make its successors unreachable', () => {
    const flow = sample() as unknown as LooseFlow;
    flow.nodes.welcome.colour = 'red';
    const issues = validateFlow(flow, lookups);
    expect(issues.map((i) => i.node)).toEqual(['welcome']);
  });
});
