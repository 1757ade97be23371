import { describe, expect, test } from 'bun:test';
import { DigestClient, DigestServer, NonceManager, type SipRequest } from '../../sip/index.ts';
import { FakeClock } from '../../system/fake-clock.ts';
import { silentLogger } from '../../system/index.ts';
import { type RegistrationAccount, RegistrationClient, type RegistrationView } from './registration-client.ts';
import { DEFAULT_REGISTRATION_POLICY as P } from './registration-machine.ts';
import { countingRandom, FakeRequests, type SentRequest } from './trunk-test-support.ts';

const LOCAL = { host: '192.0.2.10', port: 5060, userAgent: 'test-box' };
const ACCOUNT: RegistrationAccount = {
  name: 'carrier',
  target: { endpoint: { protocol: 'udp', address: '198.51.100.7', port: 5070 } },
  domain: 'sip.carrier.example',
  username: '02150001234',
  password: 'carrier-pass',
  expires: 3600,
};

function setup(account: Partial<RegistrationAccount> = {}) {
  const clock = new FakeClock();
  const requests = new FakeRequests();
  const views: RegistrationView[] = [];
  const client = new RegistrationClient(
    { ...ACCOUNT, ...account },
    {
      transactions: requests,
      digest: new DigestClient({ random: countingRandom(100) }),
      local: LOCAL,
      clock,
      scheduler: clock,
      random: countingRandom(),
      logger: silentLogger,
      onChange: (v) => views.push(v),
    },
  );
  // The carrier: a real digest server that knows the account's password.
  const nonces = new NonceManager({ key: new Uint8Array(32).fill(7), clock, random: countingRandom(900) });
  const registrar = new DigestServer({ realm: 'carrier.example', nonces, random: countingRandom(500), algorithms: ['MD5'] });
  const challenge = (which?: SentRequest, stale = false) => {
    const c = registrar.challenge({ stale });
    requests.answer(c.status, c.values.map((v) => [c.header, v] as [string, string]), which);
  };
  const verify = (request: SipRequest) =>
    registrar.verify(request, request.getAll('Authorization'), (user) => (user === ACCOUNT.username ? ACCOUNT.password : null)).kind;
  return { clock, requests, client, views, challenge, verify };
}

const expiresOf = (r: SipRequest) => r.get('Expires');
const statuses = (views: RegistrationView[]) => views.map((v) => v.status);

describe('trunk registration client', () => {
  test('registers through a digest challenge: same Call-ID and From tag, next CSeq, new branch, valid Authorization', () => {
    const { requests, client, challenge, verify, views, clock } = setup();
    client.start();
    const first = requests.last().request;
    expect(first.method).toBe('REGISTER');
    expect(first.uri).toBe('sip:sip.carrier.example');
    expect(first.get('From')).toStartWith('<sip:02150001234@sip.carrier.example>;tag=');
    expect(first.get('To')).toBe('<sip:02150001234@sip.carrier.example>');
    expect(first.get('Contact')).toBe('<sip:02150001234@192.0.2.10:5060>');
    expect(expiresOf(first)).toBe('3600');
    expect(first.has('Authorization')).toBe(false);
    expect(requests.last().target).toEqual(ACCOUNT.target);
    expect(client.view().status).toBe('registering');

    challenge();
    const second = requests.last().request;
    expect(requests.sent).toHaveLength(2);
    expect(second.callId()).toBe(first.callId());
    expect(second.fromTag()).toBe(first.fromTag());
    expect(second.cseq()?.seq).toBe((first.cseq()?.seq ?? 0) + 1);
    expect(second.topVia()?.params).not.toEqual(first.topVia()?.params);
    expect(verify(second)).toBe('ok');

    requests.answer(200, [['Contact', '<sip:02150001234@192.0.2.10:5060>;expires=120']]);
    expect(client.view()).toEqual({ status: 'registered', state: 'registered', lastError: null, expiresAt: clock.now() + 120_000 });
    expect(statuses(views)).toEqual(['registering', 'registered']);
  });

  test('refreshes at half the granted expiry and stays registered meanwhile', () => {
    const { requests, client, challenge, clock, views } = setup();
    client.start();
    challenge();
    requests.answer(200, [['Expires', '120']]);
    clock.advance(59_999);
    expect(requests.sent).toHaveLength(2);
    clock.advance(1);
    expect(requests.sent).toHaveLength(3);
    expect(requests.last().request.has('Authorization')).toBe(false);
    expect(client.view()).toMatchObject({ status: 'registered', state: 'refreshing' });
    challenge();
    requests.answer(200, [['Expires', '120']]);
    expect(client.view().state).toBe('registered');
    expect(statuses(views)).toEqual(['registering', 'registered']);
  });

  test('a 407 is answered with Proxy-Authorization', () => {
    const { requests, client } = setup();
    client.start();
    requests.answer(407, [['Proxy-Authenticate', 'Digest realm="carrier.example", nonce="abc", algorithm=MD5, qop="auth"']]);
    const retried = requests.last().request;
    expect(retried.get('Proxy-Authorization')).toStartWith('Digest username="02150001234", realm="carrier.example", nonce="abc"');
    expect(retried.has('Authorization')).toBe(false);
  });

  test('423 Interval Too Brief: asks again with Min-Expires, and keeps asking for it', () => {
    const { requests, client, challenge, clock } = setup();
    client.start();
    requests.answer(423, [['Min-Expires', '7200']]);
    expect(expiresOf(requests.last().request)).toBe('7200');
    challenge();
    expect(expiresOf(requests.last().request)).toBe('7200');
    requests.answer(200, [['Expires', '7200']]);
    clock.advance(3600_000);
    expect(expiresOf(requests.last().request)).toBe('7200');
  });

  test('403 fails and waits the long backoff before asking again', () => {
    const { requests, client, clock, views } = setup();
    client.start();
    requests.answer(403);
    expect(client.view()).toMatchObject({ status: 'failed', lastError: 'forbidden' });
    clock.advance(P.forbiddenRetryS * 1000 - 1);
    expect(requests.sent).toHaveLength(1);
    clock.advance(1);
    expect(requests.sent).toHaveLength(2);
    expect(statuses(views)).toEqual(['registering', 'failed', 'registering']);
  });

  test('wrong credentials (challenged again after answering) fail without hammering', () => {
    const { requests, client, challenge, clock } = setup({ password: 'wrong' });
    client.start();
    challenge();
    challenge();
    expect(client.view()).toMatchObject({ status: 'failed', lastError: 'credentials_rejected' });
    clock.advance(P.retryMaxS * 1000);
    expect(requests.sent).toHaveLength(2);
  });

  test('a stale challenge after answering is answered again', () => {
    const { requests, client, challenge, verify } = setup();
    client.start();
    challenge();
    challenge(undefined, true);
    expect(requests.sent).toHaveLength(3);
    expect(verify(requests.last().request)).toBe('ok');
  });

  test('no answer: retries with a doubling backoff, and a success resets it', () => {
    const { requests, client, clock, challenge } = setup();
    client.start();
    requests.timeout();
    expect(client.view()).toMatchObject({ status: 'failed', lastError: 'timeout' });
    clock.advance(P.retryBaseS * 1000);
    expect(requests.sent).toHaveLength(2);
    requests.transportError();
    expect(client.view().lastError).toBe('transport_error');
    clock.advance(P.retryBaseS * 1000);
    expect(requests.sent).toHaveLength(2);
    clock.advance(P.retryBaseS * 1000);
    expect(requests.sent).toHaveLength(3);
    challenge();
    requests.answer(200, [['Expires', '600']]);
    expect(client.view()).toMatchObject({ status: 'registered', lastError: null });
  });

  test('a trunk without a password cannot answer the challenge', () => {
    const { requests, client, challenge } = setup({ password: null });
    client.start();
    challenge();
    expect(client.view()).toMatchObject({ status: 'failed', lastError: 'unanswerable_challenge' });
    expect(requests.sent).toHaveLength(1);
  });

  test('stop un-REGISTERs with Expires 0 through the challenge, then settles and sends nothing more', async () => {
    const { requests, client, challenge, clock, verify } = setup();
    client.start();
    challenge();
    requests.answer(200, [['Expires', '3600']]);
    const stopped = client.stop();
    expect(expiresOf(requests.last().request)).toBe('0');
    expect(client.view().status).toBe('unregistered');
    challenge();
    expect(expiresOf(requests.last().request)).toBe('0');
    expect(verify(requests.last().request)).toBe('ok');
    requests.answer(200);
    await stopped;
    expect(client.view()).toEqual({ status: 'unregistered', state: 'unregistered', lastError: null, expiresAt: null });
    const count = requests.sent.length;
    clock.advance(86_400_000);
    expect(requests.sent).toHaveLength(count);
  });

  test('the late answer to a REGISTER that stop replaced is ignored', async () => {
    const { requests, client } = setup();
    client.start();
    const registering = requests.last();
    const stopped = client.stop();
    requests.answer(200, [['Expires', '3600']], registering);
    expect(client.view().state).toBe('unregistering');
    requests.answer(200);
    await stopped;
    expect(client.view().state).toBe('unregistered');
  });

  test('stopping a failed trunk that never registered sends nothing', async () => {
    const { requests, client } = setup();
    client.start();
    requests.answer(503);
    await client.stop();
    expect(requests.sent).toHaveLength(1);
  });

  test('a send that fails at once is handled after the step that made it', () => {
    const clock = new FakeClock();
    const failing = new FakeRequests();
    const send = failing.sendRequest.bind(failing);
    failing.sendRequest = (request, target, listener) => {
      const tx = send(request, target, listener);
      failing.transportError();
      return tx;
    };
    const client = new RegistrationClient(ACCOUNT, {
      transactions: failing,
      digest: new DigestClient({ random: countingRandom() }),
      local: LOCAL,
      clock,
      scheduler: clock,
      random: countingRandom(),
      logger: silentLogger,
    });
    client.start();
    expect(client.view()).toMatchObject({ status: 'failed', lastError: 'transport_error' });
  });
});
