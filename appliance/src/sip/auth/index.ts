/** SIP Digest authentication (RFC 3261 §22, RFC 7616, RFC 8760): parse, compute, challenge, verify, answer. */
export { type AuthParam, type AuthParams, parseDigestParams } from './auth-params.ts';
export {
  DIGEST_ALGORITHMS,
  type DigestAlgorithm,
  type HashName,
  hashName,
  isKnownAlgorithm,
  isSessionAlgorithm,
  parseAlgorithm,
  type UnknownAlgorithm,
} from './digest-algorithm.ts';
export { type DigestChallenge, formatDigestChallenge, parseDigestChallenge } from './digest-challenge.ts';
export {
  type Authorization,
  type AuthorizeInput,
  type AuthorizeResult,
  credentialsHeaderFor,
  DigestClient,
  DigestClientError,
  type DigestClientFailure,
  type DigestClientOptions,
} from './digest-client.ts';
export {
  computeHa1,
  computeHa2,
  computeResponse,
  computeUserhash,
  fromWireText,
  type Ha1Input,
  type QopAuth,
  type ResponseInput,
  toWireText,
} from './digest-compute.ts';
export { type DigestCredentials, formatDigestCredentials, formatNc, ncCount, parseDigestCredentials } from './digest-credentials.ts';
export { DigestParseError, type DigestParseFailure, type DigestParseResult } from './digest-parse-error.ts';
export {
  type DigestChallengeHeaders,
  DigestServer,
  type DigestServerOptions,
  type DigestVerifyResult,
  type InvalidReason,
  type SecretLookup,
} from './digest-server.ts';
export { type CountOutcome, NonceManager, type NonceManagerOptions, type NonceStatus } from './nonce-manager.ts';
export { pooledRandomBytes, type RandomBytes, randomHex, systemRandomBytes } from './random-bytes.ts';
