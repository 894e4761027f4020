import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import type { MailboxRole } from '../../domain/identity/mailbox.decider.js';
import type { CommandMetadata } from '../../domain/shared/decider.js';
import { userDecider, userStreamId, type ApiTokenLifetime, type UserPermission } from '../../domain/identity/user.decider.js';
import { forbidden, illegalState, notFound, unauthenticated } from '../../domain/shared/errors.js';
import { handleCommand } from '../../eventstore/handleCommand.js';
import type { EventStore } from '../../eventstore/port.js';
import { requireSelfOrAdministrator } from './authorization.js';
import { createArgon2Hasher, generatePassword, type PasswordHasher } from './passwords.js';
import type { PrincipalCache, UserPrincipal } from './principalCache.js';
import { actorIdOf, type Actor, type Principal } from './principal.js';
import { LoginChallenges, type ChallengePurpose } from './loginChallenges.js';
import { SessionStore } from './sessionStore.js';
import { API_TOKEN_PREFIX, newApiToken, SESSION_TOKEN_PREFIX, sha256Hex } from './tokens.js';

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
  /** Rate limits, account locks and failed-login counting (src/app/access/). */
  readonly loginGuard?: LoginGuard;
  /** Principals kept between requests, dropped from the events; without it every request reads them. */
  readonly principalCache?: PrincipalCache;
  /** Default and maximum lifetime of API tokens. @default 90 / 365 days */
  readonly tokenLifetime?: ApiTokenLifetime;
  /** Two-factor (also settable later with useSecondFactor). */
  readonly secondFactor?: SecondFactor;
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
  /** Every failed login, whatever the account: counted per client address and network (credential stuffing). */
  addressFailed?(context: { readonly clientIp?: string | null }): Promise<void>;
}

export interface LoginResult {
  readonly token: string;
  readonly expiresAt: Date;
  readonly userId: string;
  readonly sessionId: string;
}

/** What a correct password leads to: a session, or a second step (code, or enrolment first). */
export type LoginOutcome =
  | ({ readonly kind: 'session' } & LoginResult)
  | { readonly kind: 'challenge'; readonly purpose: ChallengePurpose; readonly challenge: string; readonly expiresAt: Date; readonly userId: string };

/**
 * What login needs from two-factor (src/app/identity/twoFactorService.ts): whether this user
 * must give a code or enrol first, and checking (and using up) a code.
 */
export interface SecondFactor {
  requirement(userId: string): Promise<'NONE' | ChallengePurpose>;
  /** True for a valid TOTP code not used before, or an unused recovery code (then used up). */
  verify(userId: string, code: string, context: { readonly clientIp?: string | null }): Promise<boolean>;
}

export interface IssuedApiToken {
  /** The plaintext `mr_t_…` token: shown once, stored nowhere. */
  readonly token: string;
  readonly tokenId: string;
  readonly expiresAt: Date | null;
  readonly position: number | null;
}

export interface IssueApiTokenInput {
  readonly name: string;
  /** Absent: the deployment default lifetime. */
  readonly expiresAt?: Date | null;
  readonly readOnly?: boolean;
  readonly mayIssueTokens?: boolean;
}

/** One message for every login failure, so the answer never reveals which part was wrong. */
export const LOGIN_FAILED_MESSAGE = 'Invalid username or password';

const DEFAULT_TOKEN_LIFETIME: ApiTokenLifetime = { defaultDays: 90, maxDays: 365 };

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
  private readonly tokenLifetime: ApiTokenLifetime;
  readonly sessions: SessionStore;
  private readonly challenges: LoginChallenges;
  private secondFactor: SecondFactor | null;

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
    this.tokenLifetime = options.tokenLifetime ?? DEFAULT_TOKEN_LIFETIME;
    this.sessions = new SessionStore(this.db);
    this.challenges = new LoginChallenges(this.db, this.clock);
    this.secondFactor = options.secondFactor ?? null;
  }

  /** Two-factor is built after this service (it needs the vault); the composition root wires it here. */
  useSecondFactor(secondFactor: SecondFactor): void {
    this.secondFactor = secondFactor;
  }

  /** For callers that cannot take a second step (CLI, tests of users without two-factor). */
  async login(username: string, password: string, context: { readonly clientIp?: string | null } = {}): Promise<LoginResult> {
    const outcome = await this.beginLogin(username, password, context);
    if (outcome.kind === 'challenge') throw illegalState('This account needs a second factor; log in through the API');
    return outcome;
  }

  /**
   * Unknown user, wrong password, deactivated and locked user fail alike: same error, same
   * message, and an argon2 verification in every case (against a throw-away hash with the
   * same parameters when the user does not exist), so neither the answer nor its timing
   * tells whether the username exists. The lock is read after the verification, so a
   * failure recorded just before is already in force. A right password of an enrolled user
   * (or of one whose mailbox requires two-factor) yields a challenge, not a session, and
   * does not reset the failure count: only a completed login does.
   */
  async beginLogin(username: string, password: string, context: { readonly clientIp?: string | null } = {}): Promise<LoginOutcome> {
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
      if (!user || !passwordOk) await this.loginGuard?.addressFailed?.(context);
      throw unauthenticated(LOGIN_FAILED_MESSAGE);
    }
    const requirement = this.secondFactor ? await this.secondFactor.requirement(user.id) : 'NONE';
    if (requirement !== 'NONE') {
      const { challenge, expiresAt } = await this.challenges.create(user.id, requirement, context.clientIp ?? null);
      return { kind: 'challenge', purpose: requirement, challenge, expiresAt, userId: user.id };
    }
    return { kind: 'session', ...(await this.completeWithSession(user.id, context)) };
  }

  /**
   * The second step: a TOTP or recovery code for a VERIFY challenge. A wrong code counts
   * toward the account lock exactly like a wrong password and gives the same error; so do an
   * unknown, expired or used-up challenge and a user locked or deactivated in between.
   */
  async completeLogin(challenge: string, code: string, context: { readonly clientIp?: string | null } = {}): Promise<LoginResult> {
    const open = await this.challenges.find(challenge, 'VERIFY');
    await this.loginGuard?.admit(open ? `#${open.userId}` : '#unknown', context.clientIp ?? null);
    if (!open || !this.secondFactor) {
      await this.loginGuard?.addressFailed?.(context);
      throw unauthenticated(LOGIN_FAILED_MESSAGE);
    }
    const usable = await this.usableUser(open.userId);
    const ok = usable && typeof code === 'string' && (await this.secondFactor.verify(open.userId, code, context));
    if (!ok) {
      await this.challenges.recordFailure(challenge);
      if (usable) this.loginGuard?.loginFailed(open.userId, context);
      await this.loginGuard?.addressFailed?.(context);
      throw unauthenticated(LOGIN_FAILED_MESSAGE);
    }
    if (!(await this.challenges.consume(challenge))) throw unauthenticated(LOGIN_FAILED_MESSAGE);
    return this.completeWithSession(open.userId, context);
  }

  /** The user behind an open ENROL challenge (enrolment during login), or UNAUTHENTICATED. */
  async enrolmentChallengeUser(challenge: string): Promise<string> {
    const open = await this.challenges.find(challenge, 'ENROL');
    if (!open || !(await this.usableUser(open.userId))) throw unauthenticated(LOGIN_FAILED_MESSAGE);
    return open.userId;
  }

  /** Ends an ENROL challenge whose enrolment was just confirmed, with a session. */
  async completeEnrolmentLogin(challenge: string, context: { readonly clientIp?: string | null } = {}): Promise<LoginResult> {
    const userId = await this.enrolmentChallengeUser(challenge);
    if (!(await this.challenges.consume(challenge))) throw unauthenticated(LOGIN_FAILED_MESSAGE);
    return this.completeWithSession(userId, context);
  }

  private async usableUser(userId: string): Promise<boolean> {
    const [user, locked] = await Promise.all([
      this.db.selectFrom('users').select('active').where('id', '=', userId).executeTakeFirst(),
      this.loginGuard ? this.loginGuard.isLocked(userId) : false,
    ]);
    return user?.active === 1 && !locked;
  }

  private async completeWithSession(userId: string, context: { readonly clientIp?: string | null }): Promise<LoginResult> {
    this.loginGuard?.loginSucceeded(userId, context);
    const opened = await this.sessions.open(userId, this.clock(), this.sessionTtlMs, context.clientIp ?? null);
    return { token: opened.token, expiresAt: opened.expiresAt, sessionId: opened.sessionId, userId };
  }

  /** Ends a session; unknown or already ended tokens are ignored. */
  async logout(token: string): Promise<void> {
    await this.sessions.deleteByToken(token);
  }

  /** Ends every session of a user (an account lock, the break-glass CLI). */
  async revokeSessions(userId: string): Promise<number> {
    return this.sessions.deleteAll(userId);
  }

  /** Deletes expired sessions; call it now and then (they are already refused when used). */
  async pruneExpiredSessions(): Promise<number> {
    return this.sessions.deleteExpired(this.clock());
  }

  /** The live sessions of a user: the user themselves or an administrator. */
  async listSessions(actor: Actor, userId: string) {
    requireSelfOrAdministrator(actor, userId);
    return this.sessions.list(userId, this.clock());
  }

  /** The API tokens of a user, newest first, revoked ones included, with their last use: the user themselves or an administrator. */
  async listApiTokens(actor: Actor, userId: string) {
    requireSelfOrAdministrator(actor, userId);
    return this.db
      .selectFrom('api_tokens as t')
      .leftJoin('api_token_usage as u', 'u.token_id', 't.token_id')
      .select(['t.token_id', 't.name', 't.created_at', 't.expires_at', 't.revoked_at', 't.read_only', 't.may_issue_tokens', 'u.last_used_at', 'u.last_used_ip'])
      .where('t.user_id', '=', userId)
      .orderBy('t.created_at', 'desc')
      .execute();
  }

  /**
   * Ends one session of a user (the user or an administrator). Recorded as an event, so the
   * history says who ended it, and every instance closes its WebSockets.
   */
  async endSession(actor: Actor, userId: string, sessionId: string, metadata: RequestMetadata = { correlationId: randomUUID() }): Promise<{ position: number | null }> {
    requireSelfOrAdministrator(actor, userId);
    if (typeof sessionId !== 'string' || !(await this.sessions.exists(userId, sessionId))) throw notFound('Session', String(sessionId), ['sessionId']);
    const result = await handleCommand(this.store, userDecider, userStreamId(userId), {
      type: 'EndUserSession',
      data: { userId, sessionId },
      metadata: { ...metadata, now: this.clock(), actorId: actorIdOf(actor) },
    });
    if (result.position !== null) await this.afterAppend(result.position);
    return { position: result.position };
  }

  /**
   * A user issues tokens for themselves; an administrator for anyone. An API token issues
   * tokens only when its owner allowed it (`mayIssueTokens`), never for anyone else, and
   * never one that outlives it.
   */
  async issueApiToken(actor: Actor, userId: string, input: IssueApiTokenInput, metadata: RequestMetadata = { correlationId: randomUUID() }): Promise<IssuedApiToken> {
    requireSelfOrAdministrator(actor, userId);
    if (actor.kind === 'api_token') {
      if (actor.mayIssueTokens !== true) throw forbidden('This API token may not issue API tokens; its owner did not allow it');
      if (actor.userId !== userId) throw forbidden('An API token issues tokens for its own user only');
    }
    const token = newApiToken();
    const tokenId = randomUUID();
    const result = await handleCommand(this.store, userDecider, userStreamId(userId), {
      type: 'IssueApiToken',
      data: {
        userId,
        tokenId,
        name: input.name,
        tokenHash: sha256Hex(token),
        expiresAt: input.expiresAt ? input.expiresAt.toISOString() : null,
        lifetime: this.tokenLifetime,
        readOnly: input.readOnly === true,
        mayIssueTokens: input.mayIssueTokens === true,
        issuerExpiresAt: actor.kind === 'api_token' ? (actor.expiresAt?.toISOString() ?? null) : null,
      },
      metadata: { ...metadata, now: this.clock(), actorId: actorIdOf(actor) },
    });
    if (result.position !== null) await this.afterAppend(result.position);
    const issued = result.newEvents.find((e) => e.type === 'ApiTokenIssued');
    const expiresAt = issued?.type === 'ApiTokenIssued' && issued.data.expiresAt ? new Date(issued.data.expiresAt) : null;
    return { token, tokenId, expiresAt, position: result.position };
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
  async authenticate(bearerToken: string | null | undefined, context: { readonly clientIp?: string | null } = {}): Promise<Principal | null> {
    if (typeof bearerToken !== 'string') return null;
    const now = this.clock();
    if (bearerToken.startsWith(SESSION_TOKEN_PREFIX)) {
      const session = await this.sessions.byToken(bearerToken);
      if (!session || session.expires_at <= now.toISOString()) return null;
      if (now.getTime() - Date.parse(session.last_seen_at) >= this.lastSeenResolutionMs) await this.sessions.touch(bearerToken, now);
      const principal = await this.loadPrincipal(session.user_id, 'session');
      return principal && { ...principal, sessionId: session.session_id, expiresAt: new Date(session.expires_at) };
    }
    if (bearerToken.startsWith(API_TOKEN_PREFIX)) {
      const token = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', sha256Hex(bearerToken)).executeTakeFirst();
      if (!token || token.revoked_at !== null) return null;
      if (token.expires_at !== null && token.expires_at <= now.toISOString()) return null;
      await this.recordTokenUse(token.token_id, now, context.clientIp ?? null);
      const principal = await this.loadPrincipal(token.user_id, 'api_token', token.token_id);
      return (
        principal && {
          ...principal,
          expiresAt: token.expires_at === null ? null : new Date(token.expires_at),
          readOnly: token.read_only === 1,
          mayIssueTokens: token.may_issue_tokens === 1,
        }
      );
    }
    return null;
  }

  /**
   * Last use of an API token, written at most once per `lastSeenResolutionMs` (or when the
   * address changes): one conditional upsert, so a busy token costs no write per request.
   */
  private async recordTokenUse(tokenId: string, now: Date, clientIp: string | null): Promise<void> {
    const threshold = new Date(now.getTime() - this.lastSeenResolutionMs).toISOString();
    await this.db
      .insertInto('api_token_usage')
      .values({ token_id: tokenId, last_used_at: now.toISOString(), last_used_ip: clientIp })
      .onConflict((oc) =>
        oc
          .column('token_id')
          .doUpdateSet({ last_used_at: now.toISOString(), last_used_ip: clientIp })
          .where((eb) => eb.or([eb('api_token_usage.last_used_at', '<=', threshold), eb('api_token_usage.last_used_ip', 'is distinct from', clientIp)])),
      )
      .execute();
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
