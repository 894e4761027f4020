import { Field, ID, InputType, Int } from 'type-graphql';
import { ExternalCallEncoding, ExternalCallMethod } from '../../domain/integrations/externalCalls.decider.js';
import { SettingInput } from '../identity/identity.inputs.js';

@InputType()
export class AddExternalCallInput extends SettingInput {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  urlTemplate!: string;

  @Field(() => ExternalCallMethod, { defaultValue: 'GET' })
  method!: ExternalCallMethod;

  @Field(() => ExternalCallEncoding, { defaultValue: 'UTF_8' })
  encoding!: ExternalCallEncoding;

  @Field(() => Boolean, { defaultValue: true })
  openInNewWindow!: boolean;
}

@InputType()
export class ExternalCallRefInput extends SettingInput {
  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => ID)
  callId!: string;
}

@InputType({ description: 'Omitted fields keep their value.' })
export class ChangeExternalCallInput extends ExternalCallRefInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  urlTemplate?: string | null;

  @Field(() => ExternalCallMethod, { nullable: true })
  method?: ExternalCallMethod | null;

  @Field(() => ExternalCallEncoding, { nullable: true })
  encoding?: ExternalCallEncoding | null;

  @Field(() => Boolean, { nullable: true })
  openInNewWindow?: boolean | null;
}

@InputType({ description: 'Explicit placeholder values; each one given wins over the stored mail.' })
export class ExternalCallValuesInput {
  @Field(() => String, { nullable: true })
  senderAddress?: string | null;

  @Field(() => String, { nullable: true })
  senderName?: string | null;

  @Field(() => String, { nullable: true })
  subject?: string | null;

  @Field(() => String, { nullable: true })
  messageId?: string | null;

  @Field(() => String, { nullable: true })
  internetMessageId?: string | null;
}
