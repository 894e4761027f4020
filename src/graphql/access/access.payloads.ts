import { Field, ObjectType } from 'type-graphql';
import { User } from '../identity/identity.types.js';
import { Payload } from '../userErrors.js';
import { AccessRestriction, LockPolicy } from './access.types.js';
import { SettingPayload } from '../dryRun.js';

@ObjectType()
export class AccessRestrictionPayload extends SettingPayload {
  @Field(() => AccessRestriction, { nullable: true })
  accessRestriction: AccessRestriction | null = null;

  @Field(() => [String], { description: 'Non-blocking advice, e.g. a range stored in its canonical form or a duplicate dropped.' })
  warnings: string[] = [];
}

@ObjectType()
export class LockPolicyPayload extends SettingPayload {
  @Field(() => LockPolicy, { nullable: true })
  lockPolicy: LockPolicy | null = null;
}

@ObjectType()
export class UnlockUsersPayload extends Payload {
  @Field(() => [User], { description: 'The unlocked users.' })
  users: User[] = [];
}
