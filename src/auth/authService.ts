import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../db/schema.js';
import type { MailboxRole } from '../domain/identity/mailbox.decider.js';
import type { CommandMetadata } from '../domain/shared/decider.js';
import { userDecider, userStreamId, type UserPermission } from '../domain/identity/user.decider.js';
import { unauthenticated } from '../errors/index.js';
import { handleCommand } from '../eventstore/handleCommand.js';
import type { EventStore } from '../eventstore/port.js';
import { requireSelfOrAdministrator } from './authorization.js';
import { createArgon2Hasher, generatePassword, type PasswordHasher } from './passwords.js';
import type { PrincipalCache, UserPrincipal } from './principalCache.js';
import { actorIdOf, type Actor, type Principal } from './principal.js';
import { API_TOKEN_PREFIX, newApiToken, newSessionToken, SESSION_TOKEN_PREFIX, sha256Hex } from './tokens.js';

/** Everything of `CommandMetadata` a request supplies; time and actor come from the service. */
export type RequestMetadata = Omit<CommandMetadata, 'now' | 'actorId'>;

export interface AuthServiceOptions {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  /** @default () => new Date() */
  readonly clock?: () => Date;
  /** @default argon2id, see ARGON2ID_OPTIONS */
  readonly passwords?: PasswordHasher;
  /** Absolute session lifetime (no sliding renewal: a stolen token dies on schedule). @default 12 h */
  readonly sessionTtlMs?: number;
  /** `last_seen_at` is written at most this often per session, not on every request. @default 60 000 */
  readonly lastSeenResolutionMs?: number;
  /**
   * Awaited with the store position after each append, e.g. the projection runner's
   * `waitForPosition`, so a freshly issued token authenticates on the next request.
   */
  readonly afterAppend?: (position: number) => Promise<void>;
  /** Rate limits, account locks and failed-login counting (src/access/). */
  readonly loginGuard?: LoginGuard;
  /** Principals kept between requests, dropped from the events; without it every request reads them. */
  readonly principalCache?: PrincipalCache;
}

/**
 * What login needs from access control. Recording an attempt must not make the answer
 * slower for an existing user than for an unknown one, so `loginFailed`/`loginSucceeded`
 * only queue the work; `isLocked` is one lookup for any argument, including null.
 */
export interface LoginGuard {
  /** Throws RATE_LIMITED before any password work. */
  admit(username: string, clientIp: string | null): Promise<void>;
  isLocked(userId: string | null): Promise<boolean>;
  loginFailed(userId: string, context: { readonly clientIp?: string | null }): void;
  loginSucceeded(userId: string, context: { readonly clientIp?: string | null }): void;
}

export interface LoginResult {
  readonly token: string;
  readonly expiresAt: Date;
  readonly userId: string;
}

export interface IssuedApiToken {
  /** The plaintext `mr_t_…` token: shown once, stored nowhere. */
  readonly token: string;
  readonly tokenId: string;
  readonly expiresAt: Date | null;
  readonly position: number | null;
}

/** One message for every login failure, so the answer never reveals which part was wrong. */
export const LOGIN_FAILED_MESSAGE = 'Invalid username or password';

export class AuthService {
  private readonly store: EventStore;
  private readonly db: Kysely<ReadModelDb>;
  private readonly clock: () => Date;
  private readonly passwords: PasswordHasher;
  private readonly sessionTtlMs: number;
  private readonly lastSeenResolutionMs: number;
  private readonly afterAppend: (position: number) => Promise<void>;
  /** Computed once at construction, so even the first unknown-user login takes one verify. */
  private readonly dummyHash: Promise<string>;
  private readonly loginGuard: LoginGuard | null;
  private readonly principalCache: PrincipalCache | null;

  constructor(options: AuthServiceOptions) {
    this.store = options.store;
    this.db = options.db;
    this.clock = options.clock ?? (() => new Date());
    this.passwords = options.passwords ?? createArgon2Hasher();
    this.sessionTtlMs = options.sessionTtlMs ?? 12 * 60 * 60 * 1000;
    this.lastSeenResolutionMs = options.lastSeenResolutionMs ?? 60_000;
    this.afterAppend = options.afterAppend ?? (async () => {});
    this.dummyHash = this.passwords.hash(generatePassword(32));
    this.loginGuard = options.loginGuard ?? null;
    this.principalCache = options.principalCache ?? null;
  }

  /**
   * Unknown user, wrong password, deactivated and locked user fail alike: same error, same
   * message, and an argon2 verification in every case (against a throw-away hash with the
   * same parameters when the user does not exist), so neither the answer nor its timing
   * tells whether the username exists. The lock is read after the verification, so a
   * failure recorded just before is already in force.
   */
  async login(username: string, password: string, context: { readonly clientIp?: string | null } = {}): Promise<LoginResult> {
    const normalized = typeof username === 'string' ? username.trim().toLowerCase() : '';
    await this.loginGuard?.admit(normalized, context.clientIp ?? null);
    const user = await this.db
      .selectFrom('users')
      .select(['id', 'password_hash', 'active'])
      .where('username', '=', normalized)
      .executeTakeFirst();
    const passwordOk = await this.passwords.verify(user?.password_hash ?? (await this.dummyHash), String(password));
    const locked = this.loginGuard ? await this.loginGuard.isLocked(user?.id ?? null) : false;
    if (!user || !passwordOk || user.active !== 1 || locked) {
      if (user && user.active === 1 && !passwordOk && !locked) this.loginGuard?.loginFailed(user.id, context);
      throw unauthenticated(LOGIN_FAILED_MESSAGE);
    }
    this.loginGuard?.loginSucceeded(user.id, context);

    const token = newSessionToken();
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.sessionTtlMs);
    await this.db
      .insertInto('auth_sessions')
      .values({
        token_hash: sha256Hex(token),
        user_id: user.id,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
        last_seen_at: now.toISOString(),
        client_ip: context.clientIp ?? null,
      })
      .execute();
    return { token, expiresAt, userId: user.id };
  }

  /** Ends a session; unknown or already ended tokens are ignored. */
  async logout(token: string): Promise<void> {
    await this.db.deleteFrom('auth_sessions').where('token_hash', '=', sha256Hex(token)).execute();
  }

  /** Ends every session of a user (after a password change or a suspected compromise). */
  async revokeSessions(userId: string): Promise<number> {
    const result = await this.db.deleteFrom('auth_sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** When a bearer token stops authenticating by itself (session lifetime, token expiry), or null: never, or unknown. */
  async credentialExpiry(bearerToken: string): Promise<Date | null> {
    const tokenHash = sha256Hex(bearerToken);
    const row = bearerToken.startsWith(SESSION_TOKEN_PREFIX)
      ? await this.db.selectFrom('auth_sessions').select('expires_at').where('token_hash', '=', tokenHash).executeTakeFirst()
      : bearerToken.startsWith(API_TOKEN_PREFIX)
        ? await this.db.selectFrom('api_tokens').select('expires_at').where('token_hash', '=', tokenHash).executeTakeFirst()
        : undefined;
    return row?.expires_at ? new Date(row.expires_at) : null;
  }

  /** Deletes expired sessions; call it now and then (they are already refused when used). */
  async pruneExpiredSessions(): Promise<number> {
    const result = await this.db.deleteFrom('auth_sessions').where('expires_at', '<=', this.clock().toISOString()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** A user issues tokens for themselves; an administrator for anyone. */
  async issueApiToken(
    actor: Actor,
    userId: string,
    name: string,
    expiresAt?: Date | null,
    metadata: RequestMetadata = { correlationId: randomUUID() },
  ): Promise<IssuedApiToken> {
    requireSelfOrAdministrator(actor, userId);
    const token = newApiToken();
    const tokenId = randomUUID();
    const result = await handleCommand(this.store, userDecider, userStreamId(userId), {
      type: 'IssueApiToken',
      data: { userId, tokenId, name, tokenHash: sha256Hex(token), expiresAt: expiresAt ? expiresAt.toISOString() : null },
      metadata: { ...metadata, now: this.clock(), actorId: actorIdOf(actor) },
    });
    if (result.position !== null) await this.afterAppend(result.position);
    return { token, tokenId, expiresAt: expiresAt ?? null, position: result.position };
  }

  async revokeApiToken(
    actor: Actor,
    userId: string,
    tokenId: string,
    metadata: RequestMetadata = { correlationId: randomUUID() },
  ): Promise<{ position: number | null }> {
    requireSelfOrAdministrator(actor, userId);
    const result = await handleCommand(this.store, userDecider, userStreamId(userId), {
      type: 'RevokeApiToken',
      data: { userId, tokenId },
      metadata: { ...metadata, now: this.clock(), actorId: actorIdOf(actor) },
    });
    if (result.position !== null) await this.afterAppend(result.position);
    return { position: result.position };
  }

  /**
   * The principal behind a bearer token, or null when the token is unknown, expired,
   * revoked, or its user is deactivated or locked. The token is read on every call; the user's
   * roles and permissions come from the principal cache when there is one, which the events
   * empty as they commit, so a revocation still takes effect on the next request.
   */
  async authenticate(bearerToken: string | null | undefined): Promise<Principal | null> {
    if (typeof bearerToken !== 'string') return null;
    const now = this.clock();
    const tokenHash = sha256Hex(bearerToken);
    if (bearerToken.startsWith(SESSION_TOKEN_PREFIX)) {
      const session = await this.db.selectFrom('auth_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      if (!session || session.expires_at <= now.toISOString()) return null;
      if (now.getTime() - Date.parse(session.last_seen_at) >= this.lastSeenResolutionMs) {
        await this.db.updateTable('auth_sessions').set({ last_seen_at: now.toISOString() }).where('token_hash', '=', tokenHash).execute();
      }
      return this.loadPrincipal(session.user_id, 'session');
    }
    if (bearerToken.startsWith(API_TOKEN_PREFIX)) {
      const token = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      if (!token || token.revoked_at !== null) return null;
      if (token.expires_at !== null && token.expires_at <= now.toISOString()) return null;
      return this.loadPrincipal(token.user_id, 'api_token', token.token_id);
    }
    return null;
  }

  /** The principal for an active, unlocked user, or null; also for re-checking long-lived subscriptions. */
  async loadPrincipal(userId: string, kind: Principal['kind'], tokenId?: string): Promise<Principal | null> {
    const read = () => this.readUserPrincipal(userId);
    const user = await (this.principalCache ? this.principalCache.get(userId, read) : read());
    return user && { ...user, kind, ...(tokenId === undefined ? {} : { tokenId }) };
  }

  private async readUserPrincipal(userId: string): Promise<UserPrincipal | null> {
    const [user, locked] = await Promise.all([
      this.db.selectFrom('users').select(['id', 'username', 'is_administrator', 'active']).where('id', '=', userId).executeTakeFirst(),
      this.loginGuard ? this.loginGuard.isLocked(userId) : false,
    ]);
    if (!user || user.active !== 1 || locked) return null;
    const [permissions, memberships] = await Promise.all([
      this.db.selectFrom('user_permissions').select('permission').where('user_id', '=', userId).execute(),
      this.db
        .selectFrom('mailbox_members as m')
        .leftJoin('mailbox_member_roles as r', (j) =>
          j.onRef('r.mailbox_number', '=', 'm.mailbox_number').onRef('r.user_id', '=', 'm.user_id'),
        )
        .select(['m.mailbox_number', 'r.role'])
        .where('m.user_id', '=', userId)
        .execute(),
    ]);
    const byMailbox = new Map<number, Set<MailboxRole>>();
    for (const row of memberships) {
      const number = Number(row.mailbox_number);
      const roles = byMailbox.get(number) ?? new Set<MailboxRole>();
      if (row.role !== null) roles.add(row.role as MailboxRole);
      byMailbox.set(number, roles);
    }
    return {
      userId: user.id,
      username: user.username,
      isAdministrator: user.is_administrator === 1,
      permissions: new Set(permissions.map((p) => p.permission as UserPermission)),
      memberships: byMailbox,
    };
  }
}
