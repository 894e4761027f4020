import { requireText } from '../../domain/shared/text.js';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import { addressBlockDecider, addressBlockStreamId } from '../../domain/access/addressBlock.decider.js';
import { formatIpPrefix, parseClientAddress, parseIpPrefix } from '../../domain/access/ipAddress.js';
import { ErrorCode, MailroomError } from '../../domain/shared/errors.js';
import { handleCommand } from '../../eventstore/handleCommand.js';
import type { EventStore } from '../../eventstore/port.js';
import type { NoticeSender } from '../../mail/notices/notice.js';
import { addressBlockNotices } from './addressBlockNotices.js';

export interface StuffingLimits {
  /** Failures per address or network within the window after which each attempt is slowed. */
  readonly slowAfter: number;
  /** Failures after which the address or network is refused for `blockMs`. */
  readonly blockAfter: number;
  readonly windowMs: number;
  readonly blockMs: number;
  /** Added delay per failure beyond `slowAfter`, capped at `maxDelayMs`. */
  readonly slowStepMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_STUFFING_LIMITS: StuffingLimits = { slowAfter: 20, blockAfter: 50, windowMs: 15 * 60_000, blockMs: 15 * 60_000, slowStepMs: 250, maxDelayMs: 3000 };

export interface AddressFailuresOptions {
  readonly db: Kysely<ReadModelDb>;
  readonly store: EventStore;
  readonly limits?: StuffingLimits;
  /** Addresses on an enabled IP allow list of some mailbox (MAILROOM_STUFFING_EXEMPT_ALLOW_LISTED). */
  readonly isExempt?: (clientIp: string) => boolean;
  readonly clock?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Where block notices go (the durable outbox); none: the event only. */
  readonly notices?: NoticeSender;
  /** Told once per block (logs; the event is appended here). */
  readonly onBlocked?: (network: string, failures: number, until: Date) => void;
  /** A block whose notices could not be recorded (the block and its event stand). */
  readonly onNoticeFailed?: (network: string, err: unknown) => void;
}

/** The counters a client address feeds: itself and its network (/24 for IPv4, /56 for IPv6). */
export const counterKeys = (clientIp: string): string[] => {
  const address = parseClientAddress(clientIp);
  if (!address) return ['ip:unknown'];
  const single = formatIpPrefix({ ...address, length: address.family === 4 ? 32 : 128 });
  const network = parseIpPrefix(`${single}/${address.family === 4 ? 24 : 56}`)!;
  return [`ip:${single}`, `net:${formatIpPrefix(network.prefix)}`];
};

/**
 * Failed logins per client address and network, across users, in the read-model database
 * (shared by every instance on PostgreSQL, one process on SQLite). One upsert per key and
 * failure counts, resets the window and sets the block under the row lock, so concurrent
 * instances never lose a count nor start a block twice.
 */
export class AddressFailures {
  private readonly limits: StuffingLimits;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: AddressFailuresOptions) {
    this.limits = options.limits ?? DEFAULT_STUFFING_LIMITS;
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Before any password work: RATE_LIMITED while blocked; a delay past the slow threshold. */
  async admit(clientIp: string | null): Promise<void> {
    const ip = clientIp ?? '';
    if (this.options.isExempt?.(ip)) return;
    const now = this.clock();
    const rows = await this.options.db.selectFrom('login_failure_counters').selectAll().where('id', 'in', counterKeys(ip)).execute();
    const blockedUntil = Math.max(0, ...rows.map((r) => Number(r.blocked_until_ms)));
    if (blockedUntil > now) {
      const wait = Math.ceil((blockedUntil - now) / 1000);
      throw new MailroomError(ErrorCode.RATE_LIMITED, `Too many failed logins from your network; try again in ${wait} s`, { details: { retryAfterSeconds: wait } });
    }
    const live = rows.filter((r) => Number(r.window_start_ms) > now - this.limits.windowMs);
    const failures = Math.max(0, ...live.map((r) => r.failures));
    if (failures > this.limits.slowAfter) await this.sleep(Math.min(this.limits.maxDelayMs, (failures - this.limits.slowAfter) * this.limits.slowStepMs));
  }

  /** Counts one failed login of the address (whatever the username). */
  async record(clientIp: string | null): Promise<void> {
    const ip = clientIp ?? '';
    if (this.options.isExempt?.(ip)) return;
    const now = this.clock();
    const { windowMs, blockAfter, blockMs } = this.limits;
    for (const id of counterKeys(ip)) {
      const fresh = sql<boolean>`login_failure_counters.window_start_ms <= ${now - windowMs}`;
      const next = sql<number>`case when ${fresh} then 1 else login_failure_counters.failures + 1 end`;
      const { rows } = await sql<{ failures: number; blocked_until_ms: number | string }>`
        insert into login_failure_counters (id, failures, window_start_ms, blocked_until_ms)
        values (${id}, 1, ${now}, 0)
        on conflict (id) do update set
          failures = ${next},
          window_start_ms = case when ${fresh} then ${now} else login_failure_counters.window_start_ms end,
          blocked_until_ms = case when ${next} >= ${blockAfter} and login_failure_counters.blocked_until_ms <= ${now} then ${now + blockMs} else login_failure_counters.blocked_until_ms end
        returning failures, blocked_until_ms`.execute(this.options.db);
      const row = rows[0]!;
      // The failure that crossed the threshold is the one that started this block.
      if (row.failures === blockAfter || (blockAfter === 1 && row.failures === 1)) await this.blocked(id, row.failures, new Date(Number(row.blocked_until_ms) || now + blockMs));
    }
  }

  private async blocked(key: string, failures: number, until: Date): Promise<void> {
    const network = key.slice(key.indexOf(':') + 1);
    const { position } = await handleCommand(this.options.store, addressBlockDecider, addressBlockStreamId(network), {
      type: 'RecordAddressBlock',
      data: { network, failures, until: until.toISOString() },
      metadata: { now: new Date(this.clock()), actorId: null, correlationId: randomUUID(), clientIp: null, reason: requireText([], `${failures} failed logins`, 'reason') },
    });
    // Nothing appended: this block was already recorded (another instance, a repeated call).
    if (position === null) return;
    this.options.onBlocked?.(network, failures, until);
    const notices = this.options.notices;
    if (!notices) return;
    try {
      for (const notice of await addressBlockNotices(this.options.db, { network, failures, blockedAt: new Date(this.clock()), until, position })) await notices.send(notice);
    } catch (err) {
      this.options.onNoticeFailed?.(network, err);
    }
  }
}
