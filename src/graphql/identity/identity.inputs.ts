import { Field, ID, InputType, Int } from 'type-graphql';
import { MailboxRole } from '../../domain/identity/mailbox.decider.js';
import { UserPermission } from '../../domain/identity/user.decider.js';

@InputType()
export abstract class AuditedInput {
  @Field(() => String, { nullable: true, description: 'Why the change is made; stored in the event for auditors.' })
  reason?: string | null;
}

/**
 * Input of a setting mutation: audited, and `dryRun` decides without storing anything
 * (src/graphql/dryRun.ts runs it; the payload extends SettingPayload). Query-like and
 * credential mutations (login, test mail, tokens, two-factor steps) keep AuditedInput.
 */
/** The `dryRun` field, for setting inputs that share their other fields with a query-like input. */
export const DryRunField = (): PropertyDecorator =>
  Field(() => Boolean, {
    nullable: true,
    description: 'Decide only: nothing is stored, sent or sealed; the payload lists the events that would be appended (`dryRun`) and the warnings, or the userErrors.',
  });

@InputType()
export abstract class SettingInput extends AuditedInput {
  @DryRunField()
  dryRun?: boolean | null;
}

@InputType()
export class LoginInput {
  @Field(() => String)
  username!: string;

  @Field(() => String)
  password!: string;
}

@InputType()
export class CreateMailboxInput extends SettingInput {
  @Field(() => Int, { description: 'Mailbox No.; a positive integer not used yet.' })
  number!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  address!: string;
}

@InputType()
export class RenameMailboxInput extends SettingInput {
  @Field(() => Int)
  number!: number;

  @Field(() => String)
  name!: string;
}

@InputType()
export class ChangeMailboxAddressInput extends SettingInput {
  @Field(() => Int)
  number!: number;

  @Field(() => String)
  address!: string;
}

@InputType()
export class CreateUserInput extends SettingInput {
  @Field(() => String, { description: '3–64 characters of a-z, 0-9, dot, underscore, hyphen.' })
  username!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { description: 'Write-only; stored as an argon2id hash.' })
  password!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  isAdministrator?: boolean;
}

@InputType()
export class MembershipInput extends SettingInput {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => ID)
  userId!: string;
}

@InputType()
export class MailboxRoleInput extends MembershipInput {
  @Field(() => MailboxRole)
  role!: MailboxRole;
}

@InputType()
export class PermissionInput extends SettingInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => UserPermission)
  permission!: UserPermission;
}

@InputType()
export class ChangePasswordInput extends AuditedInput {
  @Field(() => ID, { nullable: true, description: 'Defaults to the caller; administrators may set another user.' })
  userId?: string | null;

  @Field(() => String, { nullable: true, description: 'Required when changing your own password.' })
  currentPassword?: string | null;

  @Field(() => String)
  newPassword!: string;

  @Field(() => Boolean, { defaultValue: false, description: 'Also revoke every API token of the user. Other sessions end either way.' })
  revokeApiTokens!: boolean;
}

@InputType()
export class IssueApiTokenInput extends AuditedInput {
  @Field(() => String)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Defaults to the caller; administrators may issue for another user.' })
  userId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Defaults to the configured lifetime (MAILROOM_API_TOKEN_DEFAULT_DAYS); at most MAILROOM_API_TOKEN_MAX_DAYS ahead.' })
  expiresAt?: Date | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Queries and subscriptions only; mutations are refused.' })
  readOnly!: boolean;

  @Field(() => Boolean, { defaultValue: false, description: 'Let the token issue further API tokens (never outliving it).' })
  mayIssueTokens!: boolean;
}

@InputType()
export class RevokeApiTokenInput extends AuditedInput {
  @Field(() => ID)
  tokenId!: string;

  @Field(() => ID, { nullable: true })
  userId?: string | null;
}

@InputType()
export class UserIdInput extends SettingInput {
  @Field(() => ID)
  userId!: string;
}
