import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ReceiveErrorCode } from '../../domain/inbound/index.js';
import { Payload } from '../userErrors.js';
import { AutoFetchSettings, OAuthCredential, ReceiveAccount, ReceiveAccountStatus } from './inbound.types.js';
import { SettingPayload } from '../dryRun.js';

@ObjectType()
export class OAuthCredentialPayload extends SettingPayload {
  @Field(() => OAuthCredential, { nullable: true })
  credential: OAuthCredential | null = null;
}

@ObjectType()
export class DeleteOAuthCredentialPayload extends SettingPayload {
  @Field(() => ID, { nullable: true })
  deletedCredentialId: string | null = null;
}

@ObjectType()
export class BeginOAuthAuthorizationPayload extends Payload {
  @Field(() => String, { nullable: true, description: "Send the browser here; the provider comes back to the credential's redirect URL with `code` and `state`." })
  authorizationUrl: string | null = null;

  @Field(() => Date, { nullable: true, description: 'Complete the authorization before this time.' })
  expiresAt: Date | null = null;
}

@ObjectType()
export class ReceiveAccountPayload extends SettingPayload {
  @Field(() => ReceiveAccount, { nullable: true })
  account: ReceiveAccount | null = null;
}

@ObjectType()
export class DeleteReceiveAccountPayload extends SettingPayload {
  @Field(() => ID, { nullable: true })
  deletedAccountId: string | null = null;
}

@ObjectType()
export class AutoFetchSettingsPayload extends SettingPayload {
  @Field(() => AutoFetchSettings, { nullable: true })
  autoFetch: AutoFetchSettings | null = null;
}

@ObjectType({ description: 'A classified receive failure.' })
export class ReceiveFailureInfo {
  @Field(() => ReceiveErrorCode)
  code!: ReceiveErrorCode;

  @Field(() => String)
  message!: string;

  @Field(() => String, { nullable: true })
  serverResponse!: string | null;
}

@ObjectType()
export class TestReceiveAccountPayload extends Payload {
  @Field(() => Boolean, { description: 'Connected, secured as configured and logged in. Nothing was imported.' })
  ok = false;

  @Field(() => [String], { description: 'IMAP CAPABILITY after login; for POP3 what the greeting and login showed.' })
  capabilities: string[] = [];

  @Field(() => Int, { nullable: true, description: 'Messages in the INBOX (IMAP) or maildrop (POP3).' })
  serverMessages: number | null = null;

  @Field(() => ReceiveFailureInfo, { nullable: true })
  error: ReceiveFailureInfo | null = null;
}

@ObjectType()
export class FetchReceiveAccountNowPayload extends Payload {
  @Field(() => ReceiveAccountStatus, { nullable: true })
  status: ReceiveAccountStatus | null = null;

  @Field(() => Int)
  imported = 0;

  @Field(() => Int)
  skipped = 0;

  @Field(() => ReceiveFailureInfo, { nullable: true, description: 'Why this run failed; also recorded as the account status.' })
  error: ReceiveFailureInfo | null = null;
}
