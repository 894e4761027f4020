import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import type { EventStore } from '../../eventstore/port.js';
import type { AuditStreamConfig } from './auditConfig.js';
import { auditRecordOf } from './auditRecord.js';
import type { ConfigurationSection } from './sections.js';
import { settingChangeOf } from './settingChanges.js';

export interface CollectorLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface CollectorStreamOptions {
  readonly store: EventStore;
  readonly db: Kysely<ReadModelDb>;
  readonly config: AuditStreamConfig;
  readonly logger: CollectorLogger;
  /** What counts as a setting change (src/app/configurationSections.ts). */
  readonly sections: readonly ConfigurationSection[];
  /** Cursor row name. @default 'deployment' */
  readonly name?: string;
  /** How often to look for new events when caught up. @default 500 */
  readonly pollMs?: number;
  /** First retry delay after a failed POST, doubled up to `maxRetryMs`. @default 500 */
  readonly retryMs?: number;
  /** @default 30000 */
  readonly maxRetryMs?: number;
}

/** Headers of every batch; the collector checks the signature before trusting the body. */
export const SIGNATURE_HEADER = 'x-mailroom-signature';
export const TIMESTAMP_HEADER = 'x-mailroom-timestamp';

/** `sha256=` + hex HMAC-SHA256(secret, `<timestamp>.<body>`), as GitHub and Stripe sign webhooks (timestamp against replays). */
export const signBatch = (secret: string, timestamp: string, body: string): string => `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

const SCAN = 1000;

/**
 * Streams every new setting event (src/app/audit/settingChanges.ts) to the customer's
 * collector as NDJSON batches, in position order, at least once: a batch is POSTed until
 * the collector answers 2xx, and only then is the cursor (`audit_stream_cursors`) moved
 * past it, so after a crash, a restart or collector downtime the stream resumes from the
 * last acknowledged position. A batch resent after a lost answer repeats events the
 * collector has already seen; each line carries its event id and position, which a
 * collector uses to drop them. Lines are audit records: secret fields read "changed".
 */
export class AuditCollectorStream {
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private readonly name: string;
  private readonly ca: string | undefined;

  constructor(private readonly options: CollectorStreamOptions) {
    this.name = options.name ?? 'deployment';
    this.ca = options.config.caFile ? readFileSync(options.config.caFile, 'utf8') : undefined;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run().catch((err: unknown) => {
      if (this.running) this.options.logger.warn({ err }, 'audit stream stopped');
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    await this.loop;
  }

  async cursor(): Promise<number> {
    const row = await this.options.db.selectFrom('audit_stream_cursors').select('position').where('name', '=', this.name).executeTakeFirst();
    return Number(row?.position ?? 0);
  }

  private async advance(position: number): Promise<void> {
    const now = new Date().toISOString();
    // Never backwards: another instance running the stream may have acknowledged further.
    await this.options.db
      .insertInto('audit_stream_cursors')
      .values({ name: this.name, position, updated_at: now })
      .onConflict((oc) => oc.column('name').doUpdateSet({ position, updated_at: now }).where('audit_stream_cursors.position', '<', position))
      .execute();
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    let cursor: number | null = null;
    let delay = this.options.retryMs ?? 500;
    while (this.running) {
      try {
        cursor ??= await this.cursor();
        const next = await this.step(cursor);
        delay = this.options.retryMs ?? 500;
        if (next === cursor) await sleep(this.options.pollMs ?? 500, undefined, { signal }).catch(() => {});
        cursor = next;
      } catch (err) {
        if (!this.running) return;
        this.options.logger.warn({ err, afterPosition: cursor, retryInMs: delay }, 'audit collector did not acknowledge a batch; retrying');
        await sleep(delay, undefined, { signal }).catch(() => {});
        delay = Math.min(delay * 2, this.options.maxRetryMs ?? 30_000);
      }
    }
  }

  /** Sends the next batch after `cursor` (if any setting event follows) and returns the new cursor; throws when not acknowledged. */
  private async step(cursor: number): Promise<number> {
    const events = await this.options.store.readAll({ fromPosition: cursor + 1, max: SCAN });
    if (!events.length) return cursor;
    const lines: string[] = [];
    let upTo = events[events.length - 1]!.position;
    for (const e of events) {
      const change = settingChangeOf(e, this.options.sections);
      if (!change) continue;
      lines.push(JSON.stringify({ eventId: e.id, position: e.position, mailboxNumber: change.mailboxNumber, section: change.section.name, event: auditRecordOf(e) }));
      if (lines.length === this.options.config.batchSize) {
        upTo = e.position;
        break;
      }
    }
    if (lines.length) await this.post(`${lines.join('\n')}\n`, cursor + 1, upTo);
    await this.advance(upTo);
    return upTo;
  }

  /** true on 2xx; an Error saying what the collector answered otherwise. */
  private post(body: string, fromPosition: number, toPosition: number): Promise<true> {
    const url = new URL(this.options.config.url);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          ...(this.ca ? { ca: this.ca } : {}),
          timeout: this.options.config.timeoutMs,
          signal: this.abort.signal,
          headers: {
            'content-type': 'application/x-ndjson',
            'content-length': Buffer.byteLength(body),
            [TIMESTAMP_HEADER]: timestamp,
            [SIGNATURE_HEADER]: signBatch(this.options.config.secret, timestamp, body),
            'x-mailroom-first-position': String(fromPosition),
            'x-mailroom-last-position': String(toPosition),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(true);
            else reject(new Error(`The collector answered ${status}`));
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`The collector did not answer within ${this.options.config.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}
