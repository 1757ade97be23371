/** Media timing: the drift-free 20 ms clock that paces outgoing audio. */
export * from './media-clock.ts';
