/**
 * Logging in and out, resolving a session token to a principal, and the
 * first-run setup. Unknown users and wrong passwords take the same time and
 * get the same answer, so the login cannot be used to list usernames.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ConflictError, RateLimitedError, UnauthorizedError } from '../errors.ts';
import type { AuditLog } from './audit-log.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords.ts';
import type { Permission } from './permissions.ts';
import type { RolesRepository } from './roles-repository.ts';
import type { SessionsRepository } from './sessions-repository.ts';
import { type UserRecord, type UsersRepository, publicUser } from './users-repository.ts';

export interface Principal {
  userId: number;
  username: string;
  displayName: string;
  role: string;
  permissions: ReadonlySet<Permission>;
}

export interface Me {
  id: number;
  username: string;
  display_name: string;
  role: string;
  permissions: Permission[];
}

export interface AuthServiceDeps {
  users: UsersRepository;
  roles: RolesRepository;
  sessions: SessionsRepository;
  limiter: LoginLimiter;
  audit: AuditLog;
  sessionTtlMs: number;
}

export interface SetupInput {
  token: string;
  username: string;
  password: string;
  display_name?: string;
}

export class AuthService {
  private setupToken: string | null = null;
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: AuthServiceDeps) {}

  async login(username: string, password: string, source: string): Promise<{ token: string; principal: Principal }> {
    const wait = this.deps.limiter.retryAfter(source, username);
    if (wait > 0) throw new RateLimitedError(wait);
    const user = this.deps.users.findByUsername(username);
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const ok = await verifyPassword(password, user?.password_hash ?? (await this.dummyHash));
    if (!user || !ok || !user.enabled) {
      this.deps.limiter.recordFailure(source, username);
      this.deps.audit.record({ actor: null, source, action: 'auth.login_failed', target: `user:${username}` });
      throw new UnauthorizedError('invalid_credentials', 'Wrong username or password');
    }
    this.deps.limiter.recordSuccess(source, username);
    this.deps.users.markLogin(user.id);
    this.deps.audit.record({ actor: user.username, source, action: 'auth.login', target: `user:${user.username}` });
    return { token: this.deps.sessions.create(user.id, this.deps.sessionTtlMs, source), principal: this.principalOf(user) };
  }

  logout(token: string, principal: Principal, source: string): void {
    this.deps.sessions.delete(token);
    this.deps.audit.record({ actor: principal.username, source, action: 'auth.logout', target: `user:${principal.username}` });
  }

  authenticate(token: string): Principal | null {
    const session = this.deps.sessions.find(token);
    if (!session) return null;
    let user: UserRecord;
    try {
      user = this.deps.users.get(session.user_id);
    } catch {
      return null;
    }
    return user.enabled ? this.principalOf(user) : null;
  }

  me(principal: Principal): Me {
    const user = publicUser(this.deps.users.get(principal.userId));
    return {
      id: user.id,
      username: user.username,
      display_name: user.display_name,
      role: user.role,
      permissions: [...principal.permissions].sort(),
    };
  }

  /** Housekeeping: forgets sessions that ran out and failure counts that no longer matter. */
  prune(): number {
    this.deps.limiter.prune();
    return this.deps.sessions.purgeExpired();
  }

  setupRequired(): boolean {
    return this.deps.users.count() === 0;
  }

  /** A fresh one-time token while no user exists; null once set up. */
  issueSetupToken(): string | null {
    if (!this.setupRequired()) return null;
    this.setupToken = randomBytes(18).toString('base64url');
    return this.setupToken;
  }

  /** Creates the first administrator with the token printed at start. */
  async completeSetup(input: SetupInput, source: string): Promise<{ token: string; principal: Principal }> {
    if (!this.setupRequired()) throw new ConflictError('setup is already done');
    if (!this.setupToken || !sameText(input.token, this.setupToken)) {
      this.deps.audit.record({ actor: null, source, action: 'auth.setup_refused', target: `user:${input.username}` });
      throw new UnauthorizedError('invalid_setup_token', 'The setup token is wrong; see the service log');
    }
    checkPasswordStrength(input.password, input.username);
    const admin = this.deps.roles.findByName('admin');
    if (!admin) throw new ConflictError('the admin role is missing');
    const user = this.deps.users.create({
      username: input.username,
      display_name: input.display_name ?? input.username,
      password_hash: await hashPassword(input.password),
      role_id: admin.id,
      enabled: true,
    });
    this.setupToken = null;
    this.deps.audit.record({ actor: user.username, source, action: 'auth.setup', target: `user:${user.username}` });
    return { token: this.deps.sessions.create(user.id, this.deps.sessionTtlMs, source), principal: this.principalOf(user) };
  }

  private principalOf(user: UserRecord): Principal {
    const role = this.deps.roles.get(user.role_id);
    return {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      role: role.name,
      permissions: new Set(role.permissions),
    };
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
