import { Field, ID, ObjectType } from 'type-graphql';
import { Payload } from '../userErrors.js';
import { Mailbox, MailboxMember, User } from './identity.types.js';
import { SecondFactorChallenge } from './signin.types.js';
import { SettingPayload } from '../dryRun.js';

@ObjectType()
export class LoginPayload extends Payload {
  @Field(() => String, { nullable: true, description: 'Session token for `Authorization: Bearer …`; shown once.' })
  token: string | null = null;

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null = null;

  @Field(() => User, { nullable: true })
  viewer: User | null = null;

  @Field(() => SecondFactorChallenge, { nullable: true, description: 'Set instead of a token when the account needs a second step.' })
  secondFactor: SecondFactorChallenge | null = null;
}

@ObjectType()
export class MailboxPayload extends SettingPayload {
  @Field(() => Mailbox, { nullable: true })
  mailbox: Mailbox | null = null;
}

@ObjectType()
export class MailboxMemberPayload extends SettingPayload {
  @Field(() => MailboxMember, { nullable: true, description: 'Null after a removal.' })
  member: MailboxMember | null = null;

  @Field(() => Mailbox, { nullable: true })
  mailbox: Mailbox | null = null;
}

@ObjectType()
export class UserPayload extends SettingPayload {
  @Field(() => User, { nullable: true })
  user: User | null = null;
}

@ObjectType()
export class ApiTokenPayload extends Payload {
  @Field(() => String, { nullable: true, description: 'The token itself, shown exactly once; only its hash is stored.' })
  token: string | null = null;

  @Field(() => ID, { nullable: true })
  tokenId: string | null = null;

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null = null;
}

@ObjectType()
export class OkPayload extends Payload {
  @Field(() => Boolean)
  ok = false;
}

@ObjectType()
export class TwoFactorRequirementPayload extends SettingPayload {
  @Field(() => Boolean, { description: 'True when the requirement was stored (false in a dry run and on userErrors).' })
  ok = false;
}
