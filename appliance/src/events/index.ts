/** The typed event bus and its event map. */
export * from './event-bus.ts';
export * from './event-map.ts';
