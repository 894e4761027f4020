import { requireText } from '../../domain/shared/text.js';
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { isAdministrator, requireMailboxManagement } from '../auth/authorization.js';
import type { RequestMetadata } from '../auth/authService.js';
import { actorIdOf, type Actor } from '../auth/principal.js';
import type { LockPoliciesTable } from '../../db/schema.access.js';
import type { ReadModelDb } from '../../db/schema.js';
import { effectiveLockPolicy, lockPolicyDecider, lockPolicyStreamId, type LockMode, type LockPolicy } from '../../domain/access/lockPolicy.decider.js';
import {
  loginAttemptsDecider,
  loginAttemptsStreamId,
  lockInForce,
  type LoginAttemptsCommand,
  type LoginAttemptsEvent,
  type UserLocked,
} from '../../domain/access/loginAttempts.decider.js';
import { requireUuid } from '../../domain/identity/validation.js';
import { fold, type CommandMetadata } from '../../domain/shared/decider.js';
import { forbidden, illegalState, isMailroomError, MailroomError, notFound, validationError } from '../../domain/shared/errors.js';
import { handleCommand } from '../../eventstore/handleCommand.js';
import type { EventStore } from '../../eventstore/port.js';
import type { NoticeSender } from '../../mail/notices/notice.js';
import { KeyedSerializer } from './keyedSerializer.js';
import { lockNoticeRoutes, lockNotices, unlockNotices } from './lockNotices.js';
import { eventsAs } from '../../eventstore/eventAs.js';

export interface AccountLockLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface AccountLockServiceOptions {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  /** Where lock notices go (the durable outbox). */
  readonly notices: NoticeSender;
  /** Ends every login session of a user (AuthService.revokeSessions). */
  readonly revokeSessions: (userId: string) => Promise<number>;
  /** Awaited with the position after each append (projections), as in the other services. */
  readonly afterAppend?: (position: number) => Promise<void>;
  /** Awaited after a lock so the user's WebSockets are closed before the caller goes on (AccessRuntime). */
  readonly lockInForce?: (position: number) => Promise<void>;
  /** @default () => new Date() */
  readonly clock?: () => Date;
  readonly logger?: AccountLockLogger;
}

export type LockPolicyRow = Selectable<LockPoliciesTable>;

export interface LoginContext {
  readonly clientIp?: string | null;
  readonly correlationId?: string;
}

const MAX_UNLOCK_BATCH = 100;

/**
 * Concurrency retries for a user's attempts stream. Within one process attempts are already
 * queued per user; this only covers several instances failing the same user at once.
 */
const ATTEMPT_RETRIES = 25;

/**
 * Account locks: lock policies per mailbox, counting failed logins, locking, notices, and
 * unlocking. Failed logins are recorded per user in arrival order (KeyedSerializer), so 50
 * parallel failures become 50 counts and at most one lock.
 */
export class AccountLockService {
  private readonly clock: () => Date;
  private readonly afterAppend: (position: number) => Promise<void>;
  private readonly queue = new KeyedSerializer();

  constructor(private readonly options: AccountLockServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.afterAppend = options.afterAppend ?? (async () => {});
  }

  async configurePolicy(actor: Actor, input: LockPolicy, meta: RequestMetadata): Promise<{ position: number | null }> {
    requireMailboxManagement(actor, input.mailboxNumber);
    await this.requireMailbox(input.mailboxNumber);
    const result = await handleCommand(this.options.store, lockPolicyDecider, lockPolicyStreamId(input.mailboxNumber), {
      type: 'ConfigureLockPolicy',
      data: input,
      metadata: this.metadata(actorIdOf(actor), meta),
    });
    if (result.position !== null) await this.afterAppend(result.position);
    return { position: result.position };
  }

  /** The lock policies of the user's mailboxes and the one that applies (effectiveLockPolicy). */
  async effectivePolicy(userId: string): Promise<{ applied: LockPolicyRow | null; candidates: LockPolicyRow[] }> {
    const candidates = await this.options.db
      .selectFrom('lock_policies as p')
      .innerJoin('mailbox_members as m', 'm.mailbox_number', 'p.mailbox_number')
      .selectAll('p')
      .where('m.user_id', '=', userId)
      .orderBy('p.mailbox_number')
      .execute();
    const applied = effectiveLockPolicy(
      candidates.map((row) => ({ row, mailboxNumber: Number(row.mailbox_number), enabled: row.enabled === 1, threshold: row.threshold })),
    );
    return { applied: applied?.row ?? null, candidates };
  }

  /**
   * Users whose lock is in force now, by username: the `limit` after `after` (a username).
   * `mailboxNumbers`: only members of those mailboxes; null: every user. Who may ask is the caller's check.
   */
  async lockedUsers(page: { readonly after: string | null; readonly limit: number }, mailboxNumbers: readonly number[] | null) {
    const db = this.options.db;
    let query = db
      .selectFrom('users as u')
      .innerJoin('user_lock_states as l', 'l.user_id', 'u.id')
      .selectAll('u')
      .where('l.locked', '=', 1)
      .where((eb) => eb.or([eb('l.locked_until', 'is', null), eb('l.locked_until', '>', this.clock().toISOString())]))
      .orderBy('u.username')
      .limit(page.limit);
    if (page.after !== null) query = query.where('u.username', '>', page.after);
    if (mailboxNumbers !== null) query = query.where('u.id', 'in', db.selectFrom('mailbox_members').select('user_id').where('mailbox_number', 'in', [...mailboxNumbers]));
    return query.execute();
  }

  /** One query whatever the argument, so a lookup for an unknown user costs what one for a known user does. */
  async isLocked(userId: string | null): Promise<boolean> {
    const row = await this.options.db.selectFrom('user_lock_states').select(['locked', 'locked_until']).where('user_id', '=', userId ?? '').executeTakeFirst();
    // A temporary lock lifts by itself: past `locked_until` the user is not locked, with no event needed.
    return row?.locked === 1 && (row.locked_until === null || row.locked_until > this.clock().toISOString());
  }

  /** Counts a failed login of an existing user; locks when the applicable threshold is reached. */
  recordLoginFailure(userId: string, context: LoginContext = {}): Promise<{ locked: boolean }> {
    return this.queue.run(userId, async () => {
      const { applied } = await this.effectivePolicy(userId);
      const policy = applied
        ? {
            mailboxNumber: Number(applied.mailbox_number),
            threshold: applied.threshold,
            mode: applied.mode as LockMode,
            waitMinutes: applied.wait_minutes,
            maxTemporaryLocks: applied.max_temporary_locks,
          }
        : null;
      const { events, position } = await this.attempt(userId, context, null, { type: 'RecordLoginFailure', data: { userId, policy } });
      const lock = events.find((e): e is UserLocked => e.type === 'UserLocked');
      if (lock && position !== null) await this.onLocked(lock, position, context);
      return { locked: lock !== undefined };
    });
  }

  /** A successful login clears the count (appends nothing when it is already zero). */
  recordLoginSuccess(userId: string, context: LoginContext = {}): Promise<void> {
    return this.queue.run(userId, async () => {
      await this.attempt(userId, context, userId, { type: 'RecordLoginSuccess', data: { userId } });
    });
  }

  /** Waits for queued failure/success recordings (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /**
   * Unlocks one or many users. Everything is checked before anything is appended: an unknown
   * or unlocked user in the list refuses the whole batch. Administrators unlock anyone; an
   * operations administrator unlocks members of a mailbox they manage.
   */
  async unlock(actor: Actor, input: { userIds: readonly string[]; reason: string }, meta: RequestMetadata): Promise<{ position: number | null }> {
    const reason = requireText(['reason'], input.reason, 'reason');
    if (!Array.isArray(input.userIds) || input.userIds.length === 0 || input.userIds.length > MAX_UNLOCK_BATCH) {
      throw validationError(['userIds'], `Expected 1–${MAX_UNLOCK_BATCH} user ids, got ${Array.isArray(input.userIds) ? input.userIds.length : typeof input.userIds}`);
    }
    const userIds = [...new Set(input.userIds.map((id, i) => requireUuid(['userIds', String(i)], id)))];
    for (const [i, userId] of userIds.entries()) {
      await this.requireUnlockable(actor, userId, ['userIds', String(i)]);
    }
    let position: number | null = null;
    const unlocked: { userId: string; position: number; at: Date }[] = [];
    for (const [i, userId] of userIds.entries()) {
      const metadata = this.metadata(actorIdOf(actor), { ...meta, reason }, `unlock:${userId}`);
      try {
        const result = await handleCommand(this.options.store, loginAttemptsDecider, loginAttemptsStreamId(userId), { type: 'UnlockUser', data: { userId, reason }, metadata }, { maxRetries: ATTEMPT_RETRIES });
        position = result.position ?? position;
        if (result.position !== null) unlocked.push({ userId, position: result.position, at: metadata.now });
      } catch (e) {
        throw isMailroomError(e) ? new MailroomError(e.code, e.message, { path: ['userIds', String(i)], cause: e }) : e;
      }
    }
    if (position !== null) await this.afterAppend(position);
    const unlockedBy = actor.kind === 'system' ? null : actor.username;
    for (const u of unlocked) await this.onUnlocked(u, unlockedBy, reason);
    return { position };
  }

  /** Records the unlock notices; like a lock's, a failure is logged and never undoes the unlock. */
  private async onUnlocked(unlock: { userId: string; position: number; at: Date }, unlockedBy: string | null, reason: string): Promise<void> {
    try {
      const recent = await this.options.store.readStream(loginAttemptsStreamId(unlock.userId), { direction: 'backwards', max: 20 });
      const event = recent.find((e) => e.position === unlock.position && e.type === 'UserUnlocked');
      if (!event) throw new Error(`UserUnlocked at position ${unlock.position} not found in its stream`);
      const [user, memberships] = await Promise.all([
        this.options.db.selectFrom('users').select(['username', 'display_name']).where('id', '=', unlock.userId).executeTakeFirst(),
        this.options.db.selectFrom('mailbox_members').select('mailbox_number').where('user_id', '=', unlock.userId).orderBy('mailbox_number').execute(),
      ]);
      const facts = { username: user?.username ?? unlock.userId, displayName: user?.display_name ?? '', unlockedAt: unlock.at, unlockedBy, reason, eventId: event.id };
      for (const notice of unlockNotices(facts, memberships.map((m) => Number(m.mailbox_number)))) await this.options.notices.send(notice);
    } catch (err) {
      this.options.logger?.error({ err, userId: unlock.userId, position: unlock.position }, 'user unlocked, but recording its notices failed');
    }
  }

  private async requireUnlockable(actor: Actor, userId: string, path: string[]): Promise<void> {
    const memberships = await this.options.db.selectFrom('mailbox_members').select('mailbox_number').where('user_id', '=', userId).execute();
    if (!isAdministrator(actor)) {
      // Authorization before existence, so a refusal does not reveal whether the user exists.
      const managed = memberships.filter((m) => {
        try {
          requireMailboxManagement(actor, Number(m.mailbox_number));
          return true;
        } catch {
          return false;
        }
      });
      if (managed.length === 0) throw forbidden('Only an administrator or an operations administrator of one of the user\'s mailboxes may unlock them');
    }
    const user = await this.options.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!user) throw notFound('User', userId, path);
    const state = fold(
      loginAttemptsDecider.evolve,
      loginAttemptsDecider.initialState(),
      eventsAs<LoginAttemptsEvent>(await this.options.store.readStream(loginAttemptsStreamId(userId))),
    );
    if (!lockInForce(state, this.clock())) throw illegalState(`User ${userId} is not locked`, path);
  }

  private async attempt(userId: string, context: LoginContext, actorId: string | null, command: Omit<LoginAttemptsCommand, 'metadata'>) {
    const metadata = this.metadata(actorId, { correlationId: context.correlationId ?? randomUUID(), clientIp: context.clientIp ?? null });
    const full = { ...command, metadata } as LoginAttemptsCommand;
    const result = await handleCommand(this.options.store, loginAttemptsDecider, loginAttemptsStreamId(userId), full, { maxRetries: ATTEMPT_RETRIES });
    if (result.position !== null) await this.afterAppend(result.position);
    return { events: result.newEvents, position: result.position };
  }

  /**
   * Runs after the lock is stored: authentication already refuses the user (it reads the
   * lock), so what is left is to delete their sessions, let the runtime close their
   * WebSockets, and record the notices. A failure here is logged, never undoes the lock.
   */
  private async onLocked(lock: UserLocked, position: number, context: LoginContext): Promise<void> {
    const { userId } = lock.data;
    try {
      await this.options.revokeSessions(userId);
      await this.options.lockInForce?.(position);
      const user = await this.options.db.selectFrom('users').select(['username', 'display_name']).where('id', '=', userId).executeTakeFirst();
      const facts = {
        userId,
        username: user?.username ?? userId,
        displayName: user?.display_name ?? '',
        failedAttempts: lock.data.failedAttempts,
        policyMailboxNumber: lock.data.mailboxNumber,
        threshold: lock.data.threshold,
        lockedAt: this.clock(),
        clientIp: context.clientIp ?? null,
        position,
      };
      for (const notice of lockNotices(facts, await lockNoticeRoutes(this.options.db, userId))) await this.options.notices.send(notice);
    } catch (err) {
      this.options.logger?.error({ err, userId, position }, 'account locked, but ending its sessions or recording its notices failed');
    }
  }

  private async requireMailbox(mailboxNumber: number): Promise<void> {
    if (typeof mailboxNumber !== 'number' || !Number.isSafeInteger(mailboxNumber)) return;
    const row = await this.options.db.selectFrom('mailboxes').select('number').where('number', '=', mailboxNumber).executeTakeFirst();
    if (!row) throw notFound('Mailbox', String(mailboxNumber), ['mailboxNumber']);
  }

  private metadata(actorId: string | null, meta: RequestMetadata, step?: string): CommandMetadata {
    const commandId = meta.commandId && step ? `${meta.commandId}:${step}` : meta.commandId;
    return { ...meta, ...(commandId === undefined ? {} : { commandId }), now: this.clock(), actorId };
  }
}
