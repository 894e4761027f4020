import { Field, ObjectType } from 'type-graphql';
import { Payload } from '../userErrors.js';
import { DkimCondition, DkimSignature } from './dkim.types.js';
import { TestMailResult } from './outboundRoute.types.js';
import { OutboundSettings, OutboundWarning } from './outboundSettings.types.js';
import { SmtpRoutingRule, SmtpServer } from './smtp.types.js';
import { SettingPayload } from '../dryRun.js';

/** Every outbound mutation answers with the settings as they now are and the warnings of its area. */
@ObjectType()
abstract class OutboundPayload extends SettingPayload {
  @Field(() => OutboundSettings, { nullable: true })
  settings: OutboundSettings | null = null;

  @Field(() => [OutboundWarning], { description: 'Advice about the changed area of the settings; nothing was refused.' })
  warnings: OutboundWarning[] = [];
}

@ObjectType()
export class OutboundSettingsPayload extends OutboundPayload {}

@ObjectType()
export class SmtpServerPayload extends OutboundPayload {
  @Field(() => SmtpServer, { nullable: true, description: 'Null after a removal.' })
  server: SmtpServer | null = null;
}

@ObjectType()
export class SmtpRoutingRulePayload extends OutboundPayload {
  @Field(() => SmtpRoutingRule, { nullable: true, description: 'Null after a removal or a reorder.' })
  rule: SmtpRoutingRule | null = null;
}

@ObjectType()
export class DkimSignaturePayload extends OutboundPayload {
  @Field(() => DkimSignature, { nullable: true, description: 'With the DNS record to publish. Null after a removal.' })
  signature: DkimSignature | null = null;
}

@ObjectType()
export class DkimConditionPayload extends OutboundPayload {
  @Field(() => DkimCondition, { nullable: true, description: 'Null after a removal.' })
  condition: DkimCondition | null = null;
}

@ObjectType()
export class TestMailPayload extends Payload {
  @Field(() => TestMailResult, { nullable: true, description: 'Null only when the input was invalid (see userErrors).' })
  result: TestMailResult | null = null;
}
