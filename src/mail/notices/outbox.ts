import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { NoticeOutboxTable, ReadModelDb } from '../../db/schema.js';
import type { NoticeLanguage } from '../../domain/integrations/noticeLanguage.decider.js';
import { validationError } from '../../domain/shared/errors.js';
import { chatRowKey, NoticeDeliveryError, type Notice, type NoticeKind, type NoticeSender, type NoticeTransport, type RecordedNotice } from './notice.js';
import { renderNotice } from './texts/index.js';

export interface OutboxLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** What recording a notice takes besides the database: its fan-out, its language, the time. */
export interface NoticeRecording {
  /** The chat destinations that also get the notice, looked up through `executor` (the recording's transaction, if any). */
  readonly chatDestinations?: (notice: Notice, executor: Kysely<ReadModelDb>) => Promise<readonly string[]>;
  /**
   * The language a mailbox's notices are written in (src/app/integrations/noticeLanguageService.ts).
   * @default Japanese, the product's language
   */
  readonly language?: (mailboxNumber: number) => Promise<NoticeLanguage>;
  readonly clock?: () => Date;
}

export interface NoticeOutboxOptions extends NoticeRecording {
  readonly db: Kysely<ReadModelDb>;
  readonly transport: NoticeTransport;
  /** Delivers `chat` rows (src/mail/notices/chat/chatTransport.ts); without it they wait. */
  readonly chatTransport?: NoticeTransport;
  /** Attempts before a notice is marked failed. @default 8 */
  readonly maxAttempts?: number;
  /** First retry delay; doubles per attempt up to `maxDelayMs`. @default 5000 */
  readonly baseDelayMs?: number;
  /** @default 15 minutes */
  readonly maxDelayMs?: number;
  /** How long one delivery may hold a notice before another deliverer may take it. @default 60000 */
  readonly claimMs?: number;
  /** Idle poll, also picks up notices recorded by other processes. @default 1000 */
  readonly pollIntervalMs?: number;
  readonly logger?: OutboxLogger;
}

export type OutboxRow = Selectable<NoticeOutboxTable>;

const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The outbox rows of one notice: the e-mail row (when it has recipients) and one chat row per
 * subscribed destination, each with its own idempotency key (`<key>#chat:<destinationId>`).
 * The texts are rendered here, in the mailbox's language as it is now: a later change of the
 * setting does not rewrite a recorded notice. No rows: nobody is to hear of it.
 */
const noticeRows = async (executor: Kysely<ReadModelDb>, notice: Notice, recording: NoticeRecording) => {
  const bad = notice.to.find((a) => !ADDRESS.test(a));
  if (bad !== undefined) throw validationError(['to'], `Expected e-mail addresses, got ${JSON.stringify(bad)}`);
  // An emitter that names its destinations with copies of them (a mailbox reset) is not fanned out.
  const copies = new Map(notice.chatCopies?.map((c) => [c.destinationId, c.copy]));
  const destinations = notice.chatCopies ? [...copies.keys()] : ((await recording.chatDestinations?.(notice, executor)) ?? []);
  // Emitters send every notice they have; whether anyone receives it (e-mail recipients
  // or subscribed chat destinations) is decided here, in one place.
  if (notice.to.length === 0 && destinations.length === 0) return [];
  const language = notice.language ?? (recording.language ? await recording.language(notice.mailboxNumber) : 'ja');
  const texts = renderNotice(notice, notice.mailboxNumber, language);
  const now = (recording.clock ?? (() => new Date()))().toISOString();
  const row = {
    mailbox_number: notice.mailboxNumber,
    kind: notice.kind,
    subject: texts.email.subject,
    body: texts.email.text,
    status: 'pending' as const,
    attempts: 0,
    next_attempt_at: now,
    claimed_until: null,
    last_error: null,
    created_at: now,
    sent_at: null,
    chat_copy: null,
  };
  return [
    ...(notice.to.length > 0
      ? [{ ...row, id: randomUUID(), idempotency_key: notice.idempotencyKey, channel: 'email' as const, destination_id: null, recipients: JSON.stringify([...new Set(notice.to.map((a) => a.toLowerCase()))]) }]
      : []),
    ...destinations.map((destinationId) => ({ ...row, subject: texts.chat.title, body: texts.chat.text, id: randomUUID(), idempotency_key: chatRowKey(notice.idempotencyKey, destinationId), channel: 'chat' as const, destination_id: destinationId, recipients: '[]', chat_copy: copies.get(destinationId) ?? null })),
  ];
};

const insertNoticeRows = async (executor: Kysely<ReadModelDb>, rows: Awaited<ReturnType<typeof noticeRows>>): Promise<void> => {
  for (const values of rows) await executor.insertInto('notice_outbox').values(values).onConflict((oc) => oc.column('idempotency_key').doNothing()).execute();
};

/**
 * Records a notice inside the caller's transaction, so it commits (or not) with the caller's
 * other effects: a projection reacting to events records its notices together with its
 * checkpoint, exactly once. Fan-out and rendering as in `NoticeOutbox.send`; a deliverer
 * polling the outbox picks the rows up after the commit.
 */
export const recordNoticeIn = async (trx: Kysely<ReadModelDb>, notice: Notice, recording: NoticeRecording): Promise<void> => {
  await insertNoticeRows(trx, await noticeRows(trx, notice, recording));
};

/**
 * Durable outbox: `send` only records (idempotent by key), `start` runs a deliverer that
 * claims due notices, hands them to the transport, and reschedules failures with
 * exponential backoff. A crash after the transport accepted but before `sent` was
 * recorded delivers again on restart: at-least-once, with the notice id as Message-ID so
 * the duplicate is recognisable.
 */
export class NoticeOutbox implements NoticeSender {
  private readonly db: Kysely<ReadModelDb>;
  private readonly clock: () => Date;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly claimMs: number;
  private readonly pollIntervalMs: number;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly options: NoticeOutboxOptions) {
    this.db = options.db;
    this.clock = options.clock ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 8;
    this.baseDelayMs = options.baseDelayMs ?? 5000;
    this.maxDelayMs = options.maxDelayMs ?? 15 * 60_000;
    this.claimMs = options.claimMs ?? 60_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
  }

  /**
   * Records the e-mail notice and one chat notice per subscribed destination in one
   * transaction, each idempotent by its own key, so a repeated send neither doubles a
   * delivery nor loses the chat half of one (see `noticeRows`).
   */
  async send(notice: Notice): Promise<void> {
    const rows = await noticeRows(this.db, notice, this.options);
    if (rows.length === 0) return;
    await this.db.transaction().execute((trx) => insertNoticeRows(trx, rows));
    this.wake?.();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Delivers every notice due now; returns how many were attempted. Used by the loop and by tests. */
  async deliverDue(limit = 20): Promise<number> {
    await this.releaseSettledCopies();
    const now = this.clock();
    const nowIso = now.toISOString();
    const due = await this.db
      .selectFrom('notice_outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', nowIso)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', nowIso)]))
      .orderBy('created_at')
      .limit(limit)
      .execute();
    let attempted = 0;
    for (const row of due) {
      if (!(await this.claim(row, now))) continue;
      attempted++;
      await this.deliverOne(row);
    }
    return attempted;
  }

  async list(filter: { mailboxNumber?: number; status?: OutboxRow['status'] } = {}): Promise<OutboxRow[]> {
    let q = this.db.selectFrom('notice_outbox').selectAll().orderBy('created_at');
    if (filter.mailboxNumber !== undefined) q = q.where('mailbox_number', '=', filter.mailboxNumber);
    if (filter.status !== undefined) q = q.where('status', '=', filter.status);
    return q.execute();
  }

  /** Conditional update: of two deliverers racing for a row, exactly one wins. */
  private async claim(row: OutboxRow, now: Date): Promise<boolean> {
    const nowIso = now.toISOString();
    const result = await this.db
      .updateTable('notice_outbox')
      .set({ claimed_until: new Date(now.getTime() + this.claimMs).toISOString() })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', nowIso)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Settled rows whose chat copy is still there: a deliverer stopped between settling and releasing, or a release failed. */
  private async releaseSettledCopies(): Promise<void> {
    const rows = await this.db.selectFrom('notice_outbox').selectAll().where('chat_copy', 'is not', null).where('status', 'in', ['sent', 'failed']).execute();
    for (const row of rows) await this.releaseCopy(row);
  }

  /**
   * Has the transport destroy the row's copy of its chat destination, then forgets the (now
   * unreadable) ciphertext. A failure is logged, not thrown: the row stays for the next pass,
   * and must not hold up the delivery of other notices.
   */
  private async releaseCopy(row: OutboxRow): Promise<void> {
    const transport = row.channel === 'chat' ? this.options.chatTransport : this.options.transport;
    if (row.chat_copy === null || !transport?.release) return;
    try {
      await transport.release(this.recorded(row));
      await this.db.updateTable('notice_outbox').set({ chat_copy: null }).where('id', '=', row.id).where('status', '!=', 'pending').execute();
    } catch (err) {
      this.options.logger?.warn({ noticeId: row.id, error: err instanceof Error ? err.message : String(err) }, 'releasing a chat copy failed; will retry');
    }
  }

  private recorded(row: OutboxRow): RecordedNotice {
    return {
      id: row.id,
      mailboxNumber: row.mailbox_number,
      kind: row.kind as NoticeKind,
      to: JSON.parse(row.recipients) as string[],
      subject: row.subject,
      text: row.body,
      idempotencyKey: row.idempotency_key,
      channel: row.channel,
      destinationId: row.destination_id,
      chatCopy: row.chat_copy,
    };
  }

  private async deliverOne(row: OutboxRow): Promise<void> {
    const notice = this.recorded(row);
    let settled = false;
    try {
      const transport = row.channel === 'chat' ? this.options.chatTransport : this.options.transport;
      if (!transport) throw new Error(`No transport for ${row.channel} notices is wired`);
      await transport.deliver(notice);
      await this.db
        .updateTable('notice_outbox')
        .set({ status: 'sent', sent_at: this.clock().toISOString(), attempts: row.attempts + 1, claimed_until: null, last_error: null })
        .where('id', '=', row.id)
        .execute();
      settled = true;
    } catch (err) {
      const attempts = row.attempts + 1;
      const message = err instanceof Error ? err.message : String(err);
      const known = err instanceof NoticeDeliveryError ? err : null;
      const failed = attempts >= this.maxAttempts || known?.permanent === true;
      const backoff = this.clock().getTime() + Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempts - 1));
      const retryAt = known?.retryAt ? Math.max(known.retryAt.getTime(), this.clock().getTime()) : backoff;
      await this.db
        .updateTable('notice_outbox')
        .set({
          status: failed ? 'failed' : 'pending',
          attempts,
          last_error: message.slice(0, 1000),
          claimed_until: null,
          next_attempt_at: new Date(retryAt).toISOString(),
        })
        .where('id', '=', row.id)
        // A deliverer whose claim expired must not undo another one's success.
        .where('status', '=', 'pending')
        .execute();
      const log = failed ? this.options.logger?.error : this.options.logger?.warn;
      log?.call(this.options.logger, { noticeId: row.id, kind: row.kind, channel: row.channel, attempts, error: message }, failed ? 'notice delivery gave up' : 'notice delivery failed; will retry');
      settled = failed;
    }
    if (settled) await this.releaseCopy(row);
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.deliverDue();
      } catch (err) {
        this.options.logger?.error({ err }, 'notice outbox pass failed');
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, this.pollIntervalMs);
        function done() {
          clearTimeout(t);
          resolve();
        }
        this.wake = done;
      });
      this.wake = null;
    }
  }
}
