/** SIP messages: parse, validate, build, serialize (RFC 3261 §7, §8.2.6, §20, §25). */
export { createResponse, type ResponseOptions } from './create-response.ts';
export { normalizeHeaderName } from './header-names.ts';
export { formatNameAddr, type NameAddr, parseNameAddr, parseNameAddrList } from './name-addr.ts';
export { formatParams, getParam, hasParam, type Params, setParam } from './params.ts';
export { type ParseOptions, type ParseResult, parseSipMessage } from './parse-message.ts';
export { reasonPhrase } from './reason-phrases.ts';
export { IS_TOKEN, isToken, quote, Scanner, trimWs, unquote } from './scanner.ts';
export { serializeMessage } from './serialize-message.ts';
export { type Contacts, type CSeq, type HeaderField, isRequest, SipMessage, SipRequest, SipResponse } from './sip-message.ts';
export { SipParseError } from './sip-parse-error.ts';
export { formatUri, parseUri, type SipUri, unescapeUriPart, uriUser } from './sip-uri.ts';
export { StreamFramer, type FramerOutput } from './stream-framer.ts';
export { BRANCH_COOKIE, formatVia, parseViaList, type Via, viaBranch } from './via.ts';
