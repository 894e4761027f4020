import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AuditedInput, SettingInput } from './identity.inputs.js';
import { Payload } from '../userErrors.js';

export const SecondFactorStep = { TOTP: 'TOTP', ENROLMENT_REQUIRED: 'ENROLMENT_REQUIRED' } as const;
export type SecondFactorStep = (typeof SecondFactorStep)[keyof typeof SecondFactorStep];
registerEnumType(SecondFactorStep, {
  name: 'SecondFactorStep',
  description: 'TOTP: call completeLogin with a code. ENROLMENT_REQUIRED: a mailbox requires two-factor; enrol with the challenge (beginTwoFactorEnrolment, confirmTwoFactorEnrolment).',
});

@ObjectType({ description: 'The second step of a login: the password was right, a code (or enrolment) is still needed.' })
export class SecondFactorChallenge {
  @Field(() => String, { description: 'Opaque; pass it to the next step. Valid for 5 minutes and 5 wrong codes.' })
  challenge!: string;

  @Field(() => SecondFactorStep)
  step!: SecondFactorStep;

  @Field(() => Date)
  expiresAt!: Date;
}

@InputType()
export class CompleteLoginInput {
  @Field(() => String)
  challenge!: string;

  @Field(() => String, { description: 'The 6-digit code of the authenticator app, or an unused recovery code.' })
  code!: string;
}

@InputType()
export class BeginTwoFactorEnrolmentInput {
  @Field(() => String, { nullable: true, description: 'An ENROLMENT_REQUIRED login challenge; without it the caller\'s session enrols.' })
  challenge?: string | null;
}

@InputType()
export class ConfirmTwoFactorEnrolmentInput extends BeginTwoFactorEnrolmentInput {
  @Field(() => String, { description: 'The current 6-digit code from the new secret.' })
  code!: string;
}

@InputType()
export class RemoveTwoFactorInput extends AuditedInput {
  @Field(() => String, { description: 'A current code or an unused recovery code.' })
  code!: string;
}

@InputType()
export class ResetTwoFactorInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => String, { description: 'Why (lost device, …); stored in the event.' })
  reason!: string;
}

@InputType()
export class SetMailboxTwoFactorRequirementInput extends SettingInput {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => Boolean, { description: 'Every member of this mailbox must use two-factor.' })
  required!: boolean;
}

@InputType()
export class EndSessionInput extends AuditedInput {
  @Field(() => ID)
  sessionId!: string;

  @Field(() => ID, { nullable: true, description: 'Defaults to the caller; administrators may end anyone\'s.' })
  userId?: string | null;
}

@ObjectType()
export class TwoFactorEnrolmentPayload extends Payload {
  @Field(() => String, { nullable: true, description: 'otpauth://totp/… for a QR code; shown this once.' })
  otpauthUri: string | null = null;

  @Field(() => String, { nullable: true, description: 'The same secret in base32, for typing in.' })
  secret: string | null = null;
}

@ObjectType()
export class TwoFactorConfirmationPayload extends Payload {
  @Field(() => [String], { description: 'One-time recovery codes, shown this once; only their digests are stored.' })
  recoveryCodes: string[] = [];

  @Field(() => String, { nullable: true, description: 'A session token when the enrolment completed a login (challenge given).' })
  token: string | null = null;

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null = null;
}

@ObjectType()
export class PasswordChangePayload extends Payload {
  @Field(() => Boolean)
  ok = false;

  @Field(() => Boolean, { description: 'Every other session of the user was ended (always, with a change).' })
  otherSessionsEnded = false;

  @Field(() => Int, { description: 'API tokens revoked with the change (revokeApiTokens).' })
  apiTokensRevoked = 0;
}

@ObjectType({ description: 'Two-factor state of a user (the user and administrators see it).' })
export class TwoFactorStatus {
  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => Date, { nullable: true })
  enrolledAt!: Date | null;

  @Field(() => Int)
  recoveryCodesLeft!: number;

  @Field(() => [Int], { description: 'Mailboxes of the user that require two-factor.' })
  requiredByMailboxes!: number[];
}

@ObjectType({ description: 'A login session of a user.' })
export class Session {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => Date)
  lastSeenAt!: Date;

  @Field(() => String, { nullable: true })
  clientIp!: string | null;

  @Field(() => Boolean, { description: 'The session this request is made with.' })
  current!: boolean;
}

@ObjectType({ description: 'An API token (never its value).' })
export class ApiToken {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Null only for tokens issued before expiries were required.' })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => Boolean, { description: 'Queries and subscriptions only.' })
  readOnly!: boolean;

  @Field(() => Boolean, { description: 'May issue further API tokens.' })
  mayIssueTokens!: boolean;

  @Field(() => Date, { nullable: true, description: 'Last request with it (to the minute).' })
  lastUsedAt!: Date | null;

  @Field(() => String, { nullable: true })
  lastUsedIp!: string | null;
}
