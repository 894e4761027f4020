import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { ReadModelDb } from '../../db/schema.js';
import { evaluateAccess, type AccessDecision, type AccessSubject, type EvaluablePolicy } from '../../domain/access/accessPolicy.js';
import {
  accessRestrictionEventTypes,
  evolveAccessRestriction,
  initialAccessRestrictionState,
  type AccessRestrictionEvent,
  type AccessRestrictionState,
} from '../../domain/access/accessRestriction.decider.js';
import { parseClientAddress } from '../../domain/access/ipAddress.js';
import type { UserLocked } from '../../domain/access/loginAttempts.decider.js';
import type { UserEvent } from '../../domain/identity/user.decider.js';
import { forbidden } from '../../domain/shared/errors.js';
import type { EventStore, EventSubscription, RecordedEvent } from '../../eventstore/port.js';
import { accessRestrictionsProjection } from '../../projections/access/accessRestrictions.projection.js';
import { AddressList } from './addressList.js';
import { CloseCode, ConnectionRegistry, type ClosableConnection } from './connectionRegistry.js';
import { eventAs } from '../../eventstore/eventAs.js';

export interface AccessRuntimeLogger {
  error(fields: Record<string, unknown>, message: string): void;
}

export interface AccessRuntimeOptions {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  readonly logger?: AccessRuntimeLogger;
}

/** What the transport knows about a caller, as far as access control cares. */
export interface CallerInfo {
  readonly clientIp: string;
  /** Set for WebSocket callers, so the connection can be closed later. */
  readonly socket?: ClosableConnection;
}

/** Events that end connections: locks, and the end of one credential (src/domain/identity/user.decider.ts). */
const CREDENTIAL_EVENT_TYPES = ['UserLocked', 'UserSessionEnded', 'UserPasswordChanged', 'ApiTokenRevoked'] as const;
const RUNTIME_EVENT_TYPES: readonly string[] = [...accessRestrictionEventTypes, ...CREDENTIAL_EVENT_TYPES];

const compile = (state: AccessRestrictionState): EvaluablePolicy => {
  const exempt = new Set(state.ip.exemptUserIds);
  return {
    ip: { enabled: state.ip.enabled, isExempt: (id) => exempt.has(id), rules: new AddressList(state.ip.allowedAddresses) },
    api: { enabled: state.api.enabled, rules: new AddressList(state.api.allowedAddresses) },
  };
};

const OPEN_POLICY = compile(initialAccessRestrictionState());

/**
 * The access restrictions of every mailbox, compiled into tries and held in memory so the
 * check on each request costs microseconds and no query. Fed by the event store (not by a
 * local call), so every server instance sees every change, and reacts to it on its own
 * open WebSockets: a restriction change closes the connections it no longer allows, a lock
 * closes the user's connections.
 */
export class AccessRuntime {
  readonly connections = new ConnectionRegistry();
  private readonly states = new Map<number, AccessRestrictionState>();
  private readonly compiled = new Map<number, EvaluablePolicy>();
  private applied = 0;
  private readonly waiters = new Set<{ position: number; resolve: () => void }>();
  private subscription: EventSubscription | null = null;
  private pump: Promise<void> | null = null;

  constructor(private readonly options: AccessRuntimeOptions) {}

  /** Loads the read model, replays what it has not applied yet, then follows the store live. */
  async start(): Promise<void> {
    const { store, db } = this.options;
    const checkpoint = await db
      .selectFrom('projection_checkpoints')
      .select('position')
      .where('name', '=', accessRestrictionsProjection.name)
      .executeTakeFirst();
    await this.loadSnapshot();
    // The rows may be newer than the checkpoint read before them; replaying an event
    // whose result is already in the rows is harmless, since each carries a whole list.
    let next = Number(checkpoint?.position ?? 0) + 1;
    const head = await store.headPosition();
    while (next <= head) {
      const batch = await store.readAll({ fromPosition: next, max: 1000 });
      if (batch.length === 0) break;
      for (const e of batch) {
        if (RUNTIME_EVENT_TYPES.includes(e.type)) this.apply(e);
        next = e.position + 1;
      }
    }
    this.applied = Math.max(this.applied, next - 1);
    const subscription = store.subscribe({ fromPosition: next, eventTypes: RUNTIME_EVENT_TYPES });
    this.subscription = subscription;
    this.pump = (async () => {
      try {
        for await (const e of subscription) {
          this.apply(e);
          this.applied = e.position;
          this.settle();
        }
      } catch (err) {
        this.options.logger?.error({ err }, 'access runtime stopped following the event store');
      }
    })();
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.pump;
    for (const w of this.waiters) w.resolve();
    this.waiters.clear();
  }

  /**
   * Resolves once the event at `position` (an access-restriction event or `UserLocked`) is
   * in force here; a mutation awaits it so its caller's next request sees the change.
   */
  waitForPosition(position: number, timeoutMs = 5000): Promise<void> {
    if (this.applied >= position) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = { position, resolve: () => (clearTimeout(timer), this.waiters.delete(waiter), resolve()) };
      const timer = setTimeout(waiter.resolve, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** True when an enabled IP allow list of some mailbox contains the address (credential-stuffing exemption). */
  isAllowListed(clientIp: string): boolean {
    const address = parseClientAddress(clientIp);
    if (!address) return false;
    for (const [n, state] of this.states) if (state.ip.enabled && this.compiled.get(n)?.ip.rules.match(address) != null) return true;
    return false;
  }

    restrictionOf(mailboxNumber: number): AccessRestrictionState {
    return this.states.get(mailboxNumber) ?? initialAccessRestrictionState();
  }

  decide(mailboxNumber: number, subject: AccessSubject): AccessDecision {
    return evaluateAccess(this.compiled.get(mailboxNumber) ?? OPEN_POLICY, subject);
  }

  /**
   * The principal as resolvers see it: with a network gate that the authorization helpers
   * (requireMailboxAccess/Management/Audit/Role) run for every mailbox an operation names.
   * WebSocket callers are registered so later changes can close their connection.
   */
  guard(principal: Principal | null, caller: CallerInfo): Principal | null {
    if (!principal) return null;
    const subject: AccessSubject = {
      address: parseClientAddress(caller.clientIp),
      userId: principal.userId,
      viaApiToken: principal.kind === 'api_token',
    };
    const connection = caller.socket
      ? this.connections.track(caller.socket, {
          ...subject,
          userId: principal.userId,
          clientIp: caller.clientIp,
          ...(principal.sessionId === undefined ? {} : { sessionId: principal.sessionId }),
          ...(principal.tokenId === undefined ? {} : { tokenId: principal.tokenId }),
          expiresAt: principal.expiresAt ?? null,
        })
      : null;
    return {
      ...principal,
      networkGate: (mailboxNumber) => {
        if (!this.decide(mailboxNumber, subject).allowed) {
          throw forbidden(`Access to mailbox ${mailboxNumber} from ${caller.clientIp || 'an unknown address'} is not allowed`);
        }
        connection?.mailboxes.add(mailboxNumber);
      },
    };
  }

  private async loadSnapshot(): Promise<void> {
    const { db } = this.options;
    const [restrictions, rules, exempt] = await Promise.all([
      db.selectFrom('access_restrictions').selectAll().execute(),
      db.selectFrom('access_rules').selectAll().orderBy('mailbox_number').orderBy('list').orderBy('ordinal').execute(),
      db.selectFrom('access_exempt_users').selectAll().orderBy('mailbox_number').orderBy('user_id').execute(),
    ]);
    const grouped = new Map<string, string[]>();
    const add = (key: string, value: string) => (grouped.get(key) ?? grouped.set(key, []).get(key)!).push(value);
    for (const x of rules) add(`${Number(x.mailbox_number)}/${x.list}`, x.address);
    for (const x of exempt) add(`${Number(x.mailbox_number)}/exempt`, x.user_id);
    for (const r of restrictions) {
      const n = Number(r.mailbox_number);
      const listOf = (list: string) => grouped.get(`${n}/${list}`) ?? [];
      this.setState(n, {
        mailboxNumber: n,
        ip: { enabled: r.ip_enabled === 1, allowedAddresses: listOf('ip'), exemptUserIds: listOf('exempt') },
        api: { enabled: r.api_enabled === 1, allowedAddresses: listOf('api') },
      });
    }
  }

  private setState(mailboxNumber: number, state: AccessRestrictionState): void {
    this.states.set(mailboxNumber, state);
    this.compiled.set(mailboxNumber, compile(state));
  }

  private apply(event: RecordedEvent): void {
    if ((CREDENTIAL_EVENT_TYPES as readonly string[]).includes(event.type)) return this.endCredentials(eventAs<UserLocked | UserEvent>(event));

    // Reset markers land on every settings stream of the mailbox; only this area's counts.
    if (event.type === 'MailboxSettingsWiped' && !event.streamId.startsWith('access-restriction-')) return;
    const e = eventAs<AccessRestrictionEvent>(event);
    const n = e.data.mailboxNumber;
    this.setState(n, evolveAccessRestriction(this.restrictionOf(n), e));
    for (const c of this.connections.inMailbox(n)) {
      if (!this.decide(n, c).allowed) {
        this.connections.close(c, CloseCode.ACCESS_DENIED, `Access to mailbox ${n} from ${c.clientIp || 'an unknown address'} is no longer allowed`);
      }
    }
  }

  /** Closes the sockets whose credential an event ended: every instance does this for its own. */
  private endCredentials(event: UserLocked | UserEvent): void {
    const { connections } = this;
    switch (event.type) {
      case 'UserLocked':
        connections.closeUser(event.data.userId, CloseCode.SESSION_ENDED, 'Session ended');
        return;
      case 'UserSessionEnded':
        connections.closeCredential(event.data.userId, { sessionId: event.data.sessionId }, CloseCode.SESSION_ENDED, 'Session ended');
        return;
      case 'UserPasswordChanged':
        if (event.data.endsSessions === true) connections.closeSessionsExcept(event.data.userId, event.data.keptSessionId ?? null, CloseCode.SESSION_ENDED, 'Session ended: password changed');
        return;
      case 'ApiTokenRevoked':
        connections.closeCredential(event.data.userId, { tokenId: event.data.tokenId }, CloseCode.SESSION_ENDED, 'API token revoked');
        return;
      default:
        return;
    }
  }

  private settle(): void {
    for (const w of [...this.waiters]) if (this.applied >= w.position) w.resolve();
  }
}
