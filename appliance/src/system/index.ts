/** Process-level services: time, logging, systemd, settings. */
export * from './clock.ts';
export * from './logger.ts';
export * from './sd-notify.ts';
export * from './settings-repository.ts';
export * from './unix-datagram.ts';
export * from './socket-buffers.ts';
export * from './loop-lag-monitor.ts';
