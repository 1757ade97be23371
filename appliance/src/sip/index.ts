/** The SIP stack: a library with no knowledge of extensions or calls. */
export * from './message/index.ts';
export * from './transport/index.ts';
export * from './auth/index.ts';
export * from './transaction/index.ts';
export * from './sdp/index.ts';
export * from './dialog/index.ts';
