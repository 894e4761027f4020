import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { AuditedInput } from '../identity/identity.inputs.js';
import { Mailbox } from '../identity/identity.types.js';
import { Payload } from '../userErrors.js';

@InputType()
export class RequestMailboxResetInput {
  @Field(() => Int)
  mailboxNumber!: number;
}

@InputType()
export class ExecuteMailboxResetInput extends AuditedInput {
  @Field(() => String, { description: 'The token from `requestMailboxReset`; valid 10 minutes, for the user who requested it.' })
  token!: string;

  @Field(() => String, { description: 'The current mailbox name, typed again exactly, to confirm.' })
  mailboxName!: string;

  @Field(() => String, { nullable: true, description: 'Renames the mailbox in the same reset (初期化と同時にメールボックスの名称を変更する).' })
  newName?: string | null;
}

@ObjectType({ description: 'One kind of data the reset deletes, with how much of it the mailbox holds now.' })
export class MailboxResetItem {
  @Field(() => String, {
    description: 'e.g. SMTP_SERVERS, DKIM_SIGNATURES, RECEIVE_ACCOUNTS, MESSAGES; ACCESS_RESTRICTIONS (IP and API restriction) and LOCK_POLICY (account lock) go too (docs/readings.md).',
  })
  kind!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'The confirm step: check the name and address, then execute with the token.' })
export class MailboxResetPreview {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  address!: string;

  @Field(() => [MailboxResetItem], { description: 'What goes: every settings area of the mailbox, including its IP/API restriction and account-lock policy, and its messages.' })
  wiped!: MailboxResetItem[];

  @Field(() => [String], { description: 'What stays: USERS, USER_PERMISSIONS, MEMBERS_AND_ROLES, MAILBOX_ADDRESS, SETTINGS_HISTORY.' })
  kept!: string[];

  @Field(() => String, { description: 'Pass it to `executeMailboxReset`. Executing it again finishes an interrupted reset.' })
  token!: string;

  @Field(() => Date)
  expiresAt!: Date;
}

@ObjectType()
export class MailboxResetResult {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => String)
  nameBefore!: string;

  @Field(() => String)
  nameAfter!: string;

  @Field(() => Int, { description: 'Event position of the reset: `configurationAsOf` before it shows the old settings.' })
  resetPosition!: number;

  @Field(() => Int)
  messagesDeleted!: number;

  @Field(() => Boolean, { description: 'True when this call finished an earlier, interrupted execution.' })
  resumed!: boolean;
}

@ObjectType()
export class RequestMailboxResetPayload extends Payload {
  @Field(() => MailboxResetPreview, { nullable: true })
  preview: MailboxResetPreview | null = null;
}

@ObjectType()
export class ExecuteMailboxResetPayload extends Payload {
  @Field(() => MailboxResetResult, { nullable: true })
  reset: MailboxResetResult | null = null;

  @Field(() => Mailbox, { nullable: true })
  mailbox: Mailbox | null = null;
}
