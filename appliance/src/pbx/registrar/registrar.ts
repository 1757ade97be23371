/**
 * The registrar (RFC 3261 §10.3): authenticates each REGISTER with digest
 * against the extensions, lets a phone register only its own extension,
 * and applies the binding changes to the location service. Unknown users
 * and wrong passwords get the same fresh challenge; each failed attempt is
 * reported to the SIP guard, which bans a source that keeps failing.
 */
import type { EventBus } from '../../events/index.ts';
import { createResponse, type DigestServer, type InboundRequest, type RandomBytes, randomHex, type SipResponse, uriUser } from '../../sip/index.ts';
import type { Clock, Logger } from '../../system/index.ts';
import type { SipGuard } from '../sip-guard/index.ts';
import type { Binding } from './binding.ts';
import type { ExtensionCredentials } from './extension-credentials.ts';
import type { LocationService } from './location-service.ts';
import { contactHeaders, decideRegister, type RegisterPolicy } from './register-decision.ts';

export interface RegistrarDeps {
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  digest: DigestServer;
  credentials: ExtensionCredentials;
  location: LocationService;
  guard: SipGuard;
  policy: RegisterPolicy;
  random: RandomBytes;
}

export class Registrar {
  constructor(private readonly deps: RegistrarDeps) {}

  /**
   * Answers a REGISTER at once with its final response. The registrar never
   * waits on anything, so the caller can skip the transaction machinery and
   * keep just the response for retransmissions (what a completed non-INVITE
   * server transaction amounts to, §17.2.2).
   */
  answer(inbound: InboundRequest): SipResponse {
    const request = inbound.message;
    const toTag = this.tag();
    const reply = (status: number, options: { reason?: string; headers?: [string, string][] } = {}) =>
      createResponse(request, status, { toTag, ...options });
    if (!request.has(this.deps.digest.credentialsHeader)) return this.challenge(reply, false);
    const verdict = this.deps.digest.verify(request, request.getAll(this.deps.digest.credentialsHeader), (username) =>
      this.deps.credentials.secretOf(username),
    );
    if (verdict.kind !== 'ok') {
      if (verdict.kind === 'invalid' || verdict.kind === 'malformed') {
        this.deps.guard.authFailed(inbound.source);
        this.deps.logger.info('REGISTER authentication failed', {
          source: inbound.source.address,
          username: verdict.kind === 'invalid' ? verdict.username : null,
          reason: verdict.kind === 'invalid' ? verdict.reason : 'malformed credentials',
        });
      }
      return this.challenge(reply, verdict.kind === 'stale');
    }
    const to = request.to();
    const aor = to ? uriUser(to.uri) : null;
    if (aor === null || aor !== verdict.username) {
      this.deps.guard.authFailed(inbound.source);
      return reply(403, { reason: 'Forbidden (may register only your own extension)' });
    }
    const now = this.deps.clock.now();
    const decision = decideRegister({
      request,
      aor,
      existing: this.deps.location.lookup(aor),
      now,
      policy: this.deps.policy,
      source: inbound.source,
      connectionId: inbound.connectionId,
    });
    if (decision.kind === 'reject') return reply(decision.status, { reason: decision.reason, headers: decision.headers });
    this.apply(aor, decision.removals, decision.upserts, now);
    const headers: [string, string][] = contactHeaders(decision.bindings, now).map((c) => ['Contact', c]);
    headers.push(['Date', this.httpDate(now)]);
    return reply(200, { headers });
  }

  private apply(aor: string, removals: readonly string[], upserts: readonly Binding[], now: number): void {
    for (const contact of removals) {
      if (this.deps.location.remove(aor, contact)) this.deps.bus.publish('extension.unregistered', { extension: aor, contact, reason: 'removed' });
    }
    for (const binding of upserts) {
      const isNew = !this.deps.location.find(aor, binding.contact);
      this.deps.location.put(binding);
      if (isNew) {
        this.deps.bus.publish('extension.registered', {
          extension: aor,
          contact: binding.contact,
          source: `${binding.source.address}:${binding.source.port}`,
          transport: binding.source.protocol,
          user_agent: binding.userAgent,
          expires: Math.round((binding.expiresAt - now) / 1000),
        });
      }
    }
  }

  /** Removes expired bindings and announces them; run every few seconds. */
  sweep(): void {
    for (const b of this.deps.location.sweep()) {
      this.deps.bus.publish('extension.unregistered', { extension: b.aor, contact: b.contact, reason: 'expired' });
    }
  }

  private dateCache = { second: -1, text: '' };

  /** RFC 1123 date for the Date header (phones set their clocks from it), formatted once per second. */
  private httpDate(now: number): string {
    const second = Math.floor(now / 1000);
    if (second !== this.dateCache.second) this.dateCache = { second, text: new Date(now).toUTCString() };
    return this.dateCache.text;
  }

  private tag(): string {
    return randomHex(this.deps.random, 6);
  }

  private challenge(reply: (status: number, options: { headers: [string, string][] }) => SipResponse, stale: boolean): SipResponse {
    const challenge = this.deps.digest.challenge({ stale });
    return reply(challenge.status, { headers: challenge.values.map((v): [string, string] => [challenge.header, v]) });
  }
}
