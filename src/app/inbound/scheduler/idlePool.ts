import { FetchMode, FetchModeReason } from '../fetchStatus.js';
import type { AccountFetch, AccountFetchResult } from './accountFetch.js';
import { IdleSession, type IdleSessionDeps } from './idleSession.js';

/** What the scheduler knows of an account from its tick (see FetchScheduler.eligible). */
export interface IdleCandidate {
  readonly accountId: string;
  readonly mailboxNumber: number;
  readonly protocol: string;
  readonly idleEnabled: boolean;
  /** receive_accounts.updated_at: a settings change restarts the account's session. */
  readonly settingsVersion: string;
  readonly heldElsewhere: boolean;
}

export interface IdlePoolOptions extends Omit<IdleSessionDeps, 'onConnectionChange' | 'accountFetch'> {
  readonly accountFetch: Pick<AccountFetch, 'run' | 'setMode'>;
  /** IDLE connections this instance keeps at most; accounts beyond poll (IDLE_LIMIT). */
  readonly maxConnections: number;
}

/**
 * This instance's IDLE sessions, at most `maxConnections` of them. The scheduler asks it
 * every tick which accounts push and which poll (and why); it starts a session for an
 * eligible IMAP account nobody else holds, stops those whose account vanished, stopped
 * pushing or changed settings, and remembers servers without IDLE until their settings
 * change.
 */
export class IdlePool {
  private readonly sessions = new Map<string, IdleSession>();
  /** Accounts whose server lacks IDLE, with the settings version that was found on. */
  private readonly unsupported = new Map<string, string>();
  private connectedCount = 0;
  private ended = 0;
  /** Each session's end, mode recorded: shutdown waits for these before the database closes. */
  private readonly endings = new Set<Promise<void>>();

  constructor(private readonly options: IdlePoolOptions) {}

  /** IDLE connections up right now (the /metrics gauge). */
  get connections(): number {
    return this.connectedCount;
  }

  /** Sessions that have ended so far: when it moves, the scheduler re-reads the accounts. */
  get endedSessions(): number {
    return this.ended;
  }

  has(accountId: string): boolean {
    return this.sessions.has(accountId);
  }

  /** Null: the account should push; otherwise why it is polled. */
  pollingReason(c: IdleCandidate): FetchModeReason | null {
    if (c.protocol !== 'IMAP') return FetchModeReason.PROTOCOL;
    if (!c.idleEnabled) return FetchModeReason.IDLE_DISABLED;
    if (this.unsupported.get(c.accountId) === c.settingsVersion) return FetchModeReason.IDLE_UNSUPPORTED;
    if (!this.sessions.has(c.accountId) && this.sessions.size >= this.options.maxConnections) return FetchModeReason.IDLE_LIMIT;
    return null;
  }

  /** Stops sessions of accounts that are gone, no longer push, or changed; starts new ones (never for an account `busy`). */
  reconcile(candidates: readonly IdleCandidate[], busy: (accountId: string) => boolean): void {
    const byId = new Map(candidates.map((c) => [c.accountId, c]));
    for (const [accountId, session] of this.sessions) {
      const c = byId.get(accountId);
      if (!c || c.settingsVersion !== session.settingsVersion || c.protocol !== 'IMAP' || !c.idleEnabled) void session.stop('settings changed');
    }
    for (const c of candidates) {
      if (this.sessions.has(c.accountId) || c.heldElsewhere || busy(c.accountId) || this.pollingReason(c) !== null) continue;
      this.start(c);
    }
  }

  fetchNow(accountId: string): Promise<AccountFetchResult> | null {
    return this.sessions.get(accountId)?.fetchNow() ?? null;
  }

  /** Ends the account's session (deleted, disabled); the scheduler polls it if it still exists. */
  stop(accountId: string, reason: string): void {
    void this.sessions.get(accountId)?.stop(reason);
  }

  /** Shutdown: every session logs out, in parallel, and releases its lease. */
  async stopAll(): Promise<void> {
    await Promise.allSettled([...this.sessions.values()].map((s) => s.stop()));
    await Promise.allSettled([...this.endings]);
  }

  private start(c: IdleCandidate): void {
    const session = new IdleSession(c.mailboxNumber, c.accountId, c.settingsVersion, {
      ...this.options,
      onConnectionChange: (delta) => {
        this.connectedCount += delta;
      },
    });
    this.sessions.set(c.accountId, session);
    const ending = session.done.then(async (end) => {
      if (this.sessions.get(c.accountId) === session) this.sessions.delete(c.accountId);
      if (end === 'IDLE_UNSUPPORTED') this.unsupported.set(c.accountId, c.settingsVersion);
      // Ours to say: the account polls from now on (the lease is released). A lost lease
      // belongs to another instance, which records its own mode.
      if (end === 'STOPPED' || end === 'IDLE_UNSUPPORTED') {
        await this.options.accountFetch
          .setMode(c.mailboxNumber, c.accountId, {
            mode: FetchMode.POLLING,
            reason: end === 'IDLE_UNSUPPORTED' ? FetchModeReason.IDLE_UNSUPPORTED : null,
            connectedSince: null,
            nextPollAt: null,
          })
          .catch((err: unknown) => this.options.logger?.warn({ err, accountId: c.accountId }, 'fetch mode not recorded'));
      }
    });
    this.endings.add(ending);
    void ending.finally(() => {
      this.endings.delete(ending);
      // After the mode is recorded: the scheduler's next read sees the account polling.
      this.ended++;
    });
  }
}
