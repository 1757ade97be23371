/**
 * Who is calling: an INVITE from a phone must prove it is the extension it
 * claims (407 + Proxy-Authorization digest, RFC 3261 §22.3), or anyone who
 * can reach the SIP port could call out through the box (toll fraud).
 * Failed attempts count toward the SIP guard's ban like failed REGISTERs.
 */
import { type DigestServer, randomHex, type RandomBytes, type ServerTransaction, uriUser } from '../../sip/index.ts';
import type { Logger } from '../../system/index.ts';
import type { ExtensionCredentials } from '../registrar/index.ts';
import type { SipGuard } from '../sip-guard/index.ts';

export interface InviteAuthenticator {
  /** The caller's extension number; null when a challenge or refusal has been sent instead. */
  check(tx: ServerTransaction): string | null;
}

export class DigestInviteAuthenticator implements InviteAuthenticator {
  constructor(
    private readonly d: { digest: DigestServer; credentials: ExtensionCredentials; guard: SipGuard; logger: Logger; random: RandomBytes },
  ) {}

  check(tx: ServerTransaction): string | null {
    const request = tx.request;
    const header = this.d.digest.credentialsHeader;
    const verdict = request.has(header)
      ? this.d.digest.verify(request, request.getAll(header), (username) => this.d.credentials.secretOf(username))
      : ({ kind: 'missing' } as const);
    if (verdict.kind === 'ok') {
      const fromUser = request.from() ? uriUser((request.from() as NonNullable<ReturnType<typeof request.from>>).uri) : null;
      if (fromUser !== null && fromUser !== verdict.username) {
        // The From is what the callee's screen shows; a phone may not call as another extension.
        this.d.guard.authFailed(tx.inbound.source);
        tx.reply(403, { toTag: randomHex(this.d.random, 6), reason: 'Forbidden (From is not the authenticated extension)' });
        return null;
      }
      return verdict.username;
    }
    if (verdict.kind === 'invalid' || verdict.kind === 'malformed') {
      this.d.guard.authFailed(tx.inbound.source);
      this.d.logger.info('INVITE authentication failed', { source: tx.inbound.source.address });
    }
    const challenge = this.d.digest.challenge({ stale: verdict.kind === 'stale' });
    tx.reply(challenge.status, {
      toTag: randomHex(this.d.random, 6),
      headers: challenge.values.map((v): [string, string] => [challenge.header, v]),
    });
    return null;
  }
}
