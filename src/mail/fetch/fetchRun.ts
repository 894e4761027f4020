/**
 * The mutable progress of one fetch run, shared by the protocol fetchers and turned into
 * the immutable FetchReport at the end, whether the run completed or not.
 */
import type { MessageStore, SourceKey } from '../messageStore/messageStore.js';
import { FetchError, FetchErrorCode } from './fetchError.js';
import type { CollectedMessage } from './incomingMessage.js';
import type { FetchStateStore } from './fetchStateStore.js';
import {
  DEFAULT_FETCH_LIMITS,
  type DuplicateMessage,
  type FetchAccountConfig,
  type FetchDeps,
  type FetchLimits,
  type FetchReport,
  type SkippedMessage,
} from './fetchTypes.js';

export class FetchRun {
  readonly limits: FetchLimits;
  readonly startedAt: Date;
  /** deps.store and deps.state, their failures already classified INTERNAL (see ourSide). */
  readonly store: MessageStore;
  readonly state: FetchStateStore;
  imported = 0;
  importedBytes = 0;
  readonly importedIds: string[] = [];
  readonly skippedTooLarge: SkippedMessage[] = [];
  tooLargeStillOnServer = 0;
  readonly duplicatesDeleted: DuplicateMessage[] = [];
  recovered = 0;
  deletedOnServer = 0;
  serverMessages = 0;
  uidValidityChanged: FetchReport['uidValidityChanged'] = null;
  /** Reads the protocol client's byte counter at the end (the client may be gone by then). */
  bytesRead: () => number = () => 0;
  private staged: StagedMessage[] = [];
  private stagedBytes = 0;

  constructor(
    readonly account: FetchAccountConfig,
    readonly deps: FetchDeps,
  ) {
    this.limits = { ...DEFAULT_FETCH_LIMITS, ...deps.limits };
    this.startedAt = deps.now();
    this.store = ourSide('message store', deps.store);
    this.state = ourSide('fetch state', deps.state);
  }

  /** Stops between messages once the caller aborted; the classifier turns it into ABORTED. */
  checkAborted(): void {
    this.deps.signal?.throwIfAborted();
  }

  private async afterStore(sourceKey: SourceKey): Promise<void> {
    try {
      await this.deps.faults?.afterStore?.(sourceKey);
    } catch (e) {
      throw internal('fault injection', e);
    }
  }

  /**
   * Queues one downloaded message for the next group commit; commits the group first if
   * this message would overflow it, and commits right away once the group is full.
   * `afterCommit` runs only after the message is durably stored (the server-side mark:
   * \Seen, DELE, UIDL record). A message still queued when the run fails or is aborted
   * is simply lost: unmarked on the server, it is downloaded again by the next run.
   */
  async stage(message: CollectedMessage, sourceKey: SourceKey, afterCommit: () => void | Promise<void>): Promise<void> {
    const { storeGroupBytes, storeGroupMessages } = this.limits;
    if (this.staged.length > 0 && this.stagedBytes + message.size > storeGroupBytes) await this.commitStaged();
    this.staged.push({ message, sourceKey, afterCommit });
    this.stagedBytes += message.size;
    if (this.stagedBytes >= storeGroupBytes || this.staged.length >= storeGroupMessages) await this.commitStaged();
  }

  /** Stores the queued group in one transaction, counts it, then runs its post-commit steps in order. */
  async commitStaged(): Promise<void> {
    if (this.staged.length === 0) return;
    const group = this.staged;
    this.staged = [];
    this.stagedBytes = 0;
    const receivedAt = this.deps.now();
    const results = await this.store.insertMany(
      group.map(({ message, sourceKey }) => ({
        ...message,
        mailboxNumber: this.account.mailboxNumber,
        accountId: this.account.accountId,
        sourceKey,
        receivedAt,
      })),
    );
    for (const [i, result] of results.entries()) {
      if (result.inserted) this.noteImported(result.id, group[i]!.message.size);
      else this.recovered++;
    }
    for (const { sourceKey, afterCommit } of group) {
      await this.afterStore(sourceKey);
      await afterCommit();
    }
  }

  private noteImported(id: string, size: number): void {
    this.imported++;
    this.importedBytes += size;
    this.importedIds.push(id);
  }

  report(error: FetchError | null): FetchReport {
    return {
      accountId: this.account.accountId,
      mailboxNumber: this.account.mailboxNumber,
      protocol: this.account.protocol,
      startedAt: this.startedAt,
      finishedAt: this.deps.now(),
      error,
      imported: this.imported,
      importedBytes: this.importedBytes,
      importedIds: this.importedIds,
      skippedTooLarge: this.skippedTooLarge,
      tooLargeStillOnServer: this.tooLargeStillOnServer,
      duplicatesDeleted: this.duplicatesDeleted,
      recovered: this.recovered,
      deletedOnServer: this.deletedOnServer,
      serverMessages: this.serverMessages,
      uidValidityChanged: this.uidValidityChanged,
      bytesRead: this.bytesRead(),
    };
  }
}

interface StagedMessage {
  readonly message: CollectedMessage;
  readonly sourceKey: SourceKey;
  readonly afterCommit: () => void | Promise<void>;
}

export const timeoutsOf = (account: FetchAccountConfig) => ({
  connectMs: account.timeouts?.connectMs ?? 30_000,
  greetingMs: account.timeouts?.greetingMs ?? 30_000,
  idleMs: account.timeouts?.idleMs ?? 60_000,
});

const internal = (what: string, cause: unknown): FetchError =>
  new FetchError(FetchErrorCode.INTERNAL, `${what} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });

/**
 * Failures of our own dependencies are INTERNAL, decided where they happen: a database
 * error can carry `code: 'ECONNREFUSED'` or a SQLSTATE and must never read as the mail
 * server's fault in the account status.
 */
const ourSide = <T extends object>(what: string, target: T): T =>
  new Proxy(target, {
    get(t, property, receiver) {
      const value: unknown = Reflect.get(t, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => unknown).apply(t, args);
        } catch (e) {
          throw internal(what, e);
        }
      };
    },
  });
