import { Field, ID, InputType, Int } from 'type-graphql';
import { LockMode } from '../../domain/access/lockPolicy.decider.js';
import { SettingInput } from '../identity/identity.inputs.js';
import './access.types.js';

@InputType({ description: 'Replaces the IP restriction of a mailbox.' })
export class ConfigureIpRestrictionInput extends SettingInput {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => [String], { description: 'IPv4/IPv6 addresses and CIDR ranges, e.g. "192.0.2.0/24", "2001:db8::/32". At most 10,000.' })
  allowedAddresses!: string[];

  @Field(() => [ID], { defaultValue: [], description: 'Users the restriction does not apply to (対象外ユーザ).' })
  exemptUserIds!: string[];

  @Field(() => Boolean, { defaultValue: false, description: 'Save even if it would deny your own current address.' })
  force!: boolean;
}

@InputType({ description: 'Replaces the API restriction of a mailbox.' })
export class ConfigureApiRestrictionInput extends SettingInput {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => [String])
  allowedAddresses!: string[];

  @Field(() => Boolean, { defaultValue: false, description: 'Save even if it would deny your own current address (API-token callers).' })
  force!: boolean;
}

@InputType({ description: 'Replaces the account-lock policy of a mailbox.' })
export class ConfigureLockPolicyInput extends SettingInput {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => Int, { description: 'Failed logins in a row that lock the account, 1–100.' })
  threshold!: number;

  @Field(() => Boolean, { description: 'Notify the operations administrators of this mailbox on a lock.' })
  notifyOperationsAdministrators!: boolean;

  @Field(() => [String], { defaultValue: [], description: 'Further addresses to notify (at most 20).' })
  notifyAddresses!: string[];

  @Field(() => LockMode, { defaultValue: 'PERMANENT', description: "Keycloak's lockout modes: PERMANENT, TEMPORARY, PERMANENT_AFTER_TEMPORARY." })
  mode!: LockMode;

  @Field(() => Int, { defaultValue: 15, description: 'Wait of the first temporary lock, 1–1440 minutes; each further one doubles it.' })
  waitMinutes!: number;

  @Field(() => Int, { defaultValue: 3, description: 'PERMANENT_AFTER_TEMPORARY: temporary locks (1–20) before a permanent one.' })
  maxTemporaryLocks!: number;
}

@InputType()
export class UnlockUsersInput {
  @Field(() => [ID], { description: '1 to 100 users; all must exist and be locked, or none is unlocked.' })
  userIds!: string[];

  @Field(() => String, { description: 'Why; stored with each UserUnlocked event.' })
  reason!: string;
}
