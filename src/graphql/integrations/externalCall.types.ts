import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ExternalCallRow } from './integrations.loaders.js';
import { ExternalCallEncoding, ExternalCallMethod } from '../../domain/integrations/externalCalls.decider.js';
import { Payload } from '../userErrors.js';
import { SettingPayload } from '../dryRun.js';

registerEnumType(ExternalCallMethod, { name: 'ExternalCallMethod', description: 'POST sends the query of the template as a form body.' });
registerEnumType(ExternalCallEncoding, { name: 'ExternalCallEncoding', description: 'Charset of the percent-encoded placeholder values.' });

export type { ExternalCallRow };

@ObjectType({ description: 'An external system call (外部システム呼び出し): a URL template opened from a mail.' })
export class ExternalCall {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  mailboxNumber!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String, {
    description:
      'http(s) URL with placeholders {senderAddress} {senderName} {subject} {messageId} {internetMessageId} {mailboxNumber}; the host is fixed text.',
  })
  urlTemplate!: string;

  @Field(() => ExternalCallMethod)
  method!: ExternalCallMethod;

  @Field(() => ExternalCallEncoding)
  encoding!: ExternalCallEncoding;

  @Field(() => Boolean)
  openInNewWindow!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  static from(row: ExternalCallRow): ExternalCall {
    return Object.assign(new ExternalCall(), {
      id: row.call_id,
      mailboxNumber: row.mailbox_number,
      name: row.name,
      urlTemplate: row.url_template,
      method: row.method as ExternalCallMethod,
      encoding: row.encoding as ExternalCallEncoding,
      openInNewWindow: row.open_in_new_window === 1,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
    });
  }
}

@ObjectType({ description: 'What the browser opens: GET the url, or POST the body to it.' })
export class RenderedExternalCall {
  @Field(() => ExternalCallMethod)
  method!: ExternalCallMethod;

  @Field(() => String, { description: 'Placeholder values percent-encoded in the call encoding (RFC 3986 §2.1).' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'POST only: application/x-www-form-urlencoded body.' })
  body!: string | null;

  @Field(() => String, { nullable: true, description: 'POST only, with the charset.' })
  contentType!: string | null;

  @Field(() => Boolean)
  openInNewWindow!: boolean;
}

@ObjectType()
export class ExternalCallPayload extends SettingPayload {
  @Field(() => ExternalCall, { nullable: true })
  externalCall: ExternalCall | null = null;
}

@ObjectType()
export class RemoveExternalCallPayload extends SettingPayload {
  @Field(() => ID, { nullable: true })
  removedExternalCallId: string | null = null;
}
