/** Users, roles, permissions, sessions, the audit log. */
export * from './audit-log.ts';
export * from './auth-service.ts';
export * from './login-limiter.ts';
export * from './passwords.ts';
export * from './permissions.ts';
export * from './roles-repository.ts';
export * from './sessions-repository.ts';
export * from './users-repository.ts';
