import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AccessList, AccessOutcome, type AccessDecision as AccessDecisionValue, type AccessVerdict as AccessVerdictValue } from '../../domain/access/accessPolicy.js';
import { LockMode } from '../../domain/access/lockPolicy.decider.js';
import type { AccessRestrictionRow, LockPolicyRow, UserLockStateRow } from './access.loaders.js';

registerEnumType(LockMode, { name: 'LockMode', description: "What a lock does (Keycloak's lockout modes)." });

registerEnumType(AccessList, { name: 'AccessList', description: 'Which allow list a verdict comes from.' });
registerEnumType(AccessOutcome, {
  name: 'AccessOutcome',
  description: 'Why a list allowed or denied: off, user exempt, a rule matched, no rule matched, or the address is unknown.',
});

@ObjectType({ description: 'IP access restriction of a mailbox (アクセス制限).' })
export class IpRestriction {
  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => [String], { description: 'Allowed addresses and CIDR ranges, canonical, in the order saved.' })
  allowedAddresses!: string[];

  @Field(() => Boolean, { description: 'The last save overrode the self-lockout guard (force: true).' })
  lockoutGuardOverridden!: boolean;

  exemptUserIds!: string[];
}

@ObjectType({ description: 'API access restriction of a mailbox: an allow list for API-token clients, on top of the IP restriction.' })
export class ApiRestriction {
  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => [String])
  allowedAddresses!: string[];

  @Field(() => Boolean)
  lockoutGuardOverridden!: boolean;
}

@ObjectType()
export class AccessRestriction {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => IpRestriction)
  ipRestriction!: IpRestriction;

  @Field(() => ApiRestriction)
  apiRestriction!: ApiRestriction;

  @Field(() => Date, { nullable: true, description: 'Null while the mailbox has never saved a restriction.' })
  updatedAt!: Date | null;

  static from(row: AccessRestrictionRow): AccessRestriction {
    return Object.assign(new AccessRestriction(), {
      mailboxNumber: row.mailboxNumber,
      ipRestriction: Object.assign(new IpRestriction(), {
        enabled: row.ipEnabled,
        allowedAddresses: [...row.ipAddresses],
        lockoutGuardOverridden: row.ipGuardOverridden,
        exemptUserIds: [...row.exemptUserIds],
      }),
      apiRestriction: Object.assign(new ApiRestriction(), {
        enabled: row.apiEnabled,
        allowedAddresses: [...row.apiAddresses],
        lockoutGuardOverridden: row.apiGuardOverridden,
      }),
      updatedAt: row.updatedAt === null ? null : new Date(row.updatedAt),
    });
  }
}

@ObjectType()
export class AccessVerdict {
  @Field(() => AccessList)
  list!: AccessList;

  @Field(() => AccessOutcome)
  outcome!: AccessOutcome;

  @Field(() => Boolean)
  allowed!: boolean;

  @Field(() => String, { nullable: true, description: 'The most specific matching entry, for RULE_MATCHED.' })
  rule!: string | null;

  static from(v: AccessVerdictValue): AccessVerdict {
    return Object.assign(new AccessVerdict(), { list: v.list, outcome: v.outcome, allowed: v.allowed, rule: v.rule });
  }
}

@ObjectType({ description: 'Would this address (and user) be allowed in the mailbox, and by which rule.' })
export class AccessDecision {
  @Field(() => Boolean)
  allowed!: boolean;

  @Field(() => String, { description: 'The address as judged (canonical; IPv4-mapped IPv6 as IPv4).' })
  address!: string;

  @Field(() => AccessVerdict, { description: 'The first list that denied, or the last that allowed.' })
  decidedBy!: AccessVerdict;

  @Field(() => [AccessVerdict], { description: 'IP restriction, then (for API-token clients) the API restriction.' })
  verdicts!: AccessVerdict[];

  static from(d: AccessDecisionValue & { address: string }): AccessDecision {
    return Object.assign(new AccessDecision(), {
      allowed: d.allowed,
      address: d.address,
      decidedBy: AccessVerdict.from(d.decidedBy),
      verdicts: d.verdicts.map(AccessVerdict.from),
    });
  }
}

@ObjectType({ description: 'Account-lock policy of a mailbox (アカウントロックの設定).' })
export class LockPolicy {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => Int, { description: 'Failed logins in a row that lock the account (1–100).' })
  threshold!: number;

  @Field(() => Boolean, { description: 'Notify the operations administrators of the mailbox.' })
  notifyOperationsAdministrators!: boolean;

  @Field(() => [String])
  notifyAddresses!: string[];

  @Field(() => LockMode, { description: 'PERMANENT (until unlocked), TEMPORARY (lifts by itself), or PERMANENT_AFTER_TEMPORARY.' })
  mode!: LockMode;

  @Field(() => Int, { description: 'Wait of the first temporary lock in minutes; each further one doubles it (at most a day).' })
  waitMinutes!: number;

  @Field(() => Int, { description: 'PERMANENT_AFTER_TEMPORARY: temporary locks before the next one is permanent.' })
  maxTemporaryLocks!: number;

  @Field(() => Date)
  updatedAt!: Date;

  static from(row: LockPolicyRow): LockPolicy {
    return Object.assign(new LockPolicy(), {
      mailboxNumber: Number(row.mailbox_number),
      enabled: row.enabled === 1,
      threshold: row.threshold,
      notifyOperationsAdministrators: row.notify_operations_administrators === 1,
      notifyAddresses: JSON.parse(row.notify_addresses) as string[],
      mode: row.mode as LockMode,
      waitMinutes: row.wait_minutes,
      maxTemporaryLocks: row.max_temporary_locks,
      updatedAt: new Date(row.updated_at),
    });
  }
}

@ObjectType({ description: 'The lock policy governing a user: smallest threshold among their mailboxes, ties to the smallest mailbox No.' })
export class EffectiveLockPolicy {
  @Field(() => ID)
  userId!: string;

  @Field(() => LockPolicy, { nullable: true, description: 'Null when no mailbox of the user has locking on.' })
  policy!: LockPolicy | null;

  @Field(() => Int, { nullable: true, description: 'The mailbox whose policy applies.' })
  mailboxNumber!: number | null;

  @Field(() => [LockPolicy], { description: 'Every saved policy of the user\'s mailboxes, by mailbox No.' })
  candidates!: LockPolicy[];
}

@ObjectType({ description: 'Failed-login count and lock of a user.' })
export class AccountLock {
  @Field(() => Boolean)
  locked!: boolean;

  @Field(() => Int, { description: 'Failed logins since the last success or unlock.' })
  failedAttempts!: number;

  @Field(() => Date, { nullable: true })
  lockedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'e.g. FAILED_LOGIN_THRESHOLD' })
  reason!: string | null;

  @Field(() => Int, { nullable: true, description: 'Mailbox whose policy locked the user.' })
  policyMailboxNumber!: number | null;

  @Field(() => Int, { nullable: true })
  threshold!: number | null;

  @Field(() => Date, { nullable: true })
  lastFailedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'A temporary lock lifts by itself at this time; null for a permanent lock.' })
  lockedUntil!: Date | null;

  static from(row: UserLockStateRow | null, now: Date = new Date()): AccountLock {
    const date = (v: string | null | undefined) => (v ? new Date(v) : null);
    const locked = row?.locked === 1 && (row.locked_until === null || row.locked_until > now.toISOString());
    return Object.assign(new AccountLock(), {
      lockedUntil: locked ? date(row?.locked_until) : null,
      locked,
      failedAttempts: row?.failed_attempts ?? 0,
      lockedAt: locked ? date(row!.locked_at) : null,
      reason: locked ? row!.lock_reason : null,
      policyMailboxNumber: locked && row!.lock_mailbox_number !== null ? Number(row!.lock_mailbox_number) : null,
      threshold: locked ? row!.lock_threshold : null,
      lastFailedAt: date(row?.last_failed_at),
    });
  }
}
