import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NoticeKind } from '../../mail/notices/notice.js';
import type { NoticeListRow } from '../../mail/notices/noticeQuery.js';
import { ConnectionArgs, connectionTypes } from '../relay.js';
import { Payload } from '../userErrors.js';

export const NoticeChannel = { EMAIL: 'EMAIL', CHAT: 'CHAT' } as const;
export type NoticeChannel = (typeof NoticeChannel)[keyof typeof NoticeChannel];
export const NoticeStatus = { PENDING: 'PENDING', SENT: 'SENT', FAILED: 'FAILED' } as const;
export type NoticeStatus = (typeof NoticeStatus)[keyof typeof NoticeStatus];

registerEnumType(NoticeKind, { name: 'NoticeKind', description: 'What a system notice is about.' });
registerEnumType(NoticeChannel, { name: 'NoticeChannel', description: 'EMAIL: to the notice recipients. CHAT: to one chat destination.' });
registerEnumType(NoticeStatus, { name: 'NoticeStatus', description: 'PENDING: waiting or being retried. SENT: accepted by the peer. FAILED: given up; see lastError.' });

@ObjectType({ description: 'One delivery of a system notice (e-mail or chat) from the durable outbox.' })
export class NoticeDelivery {
  @Field(() => ID) id!: string;
  @Field(() => Int) mailboxNumber!: number;
  @Field(() => NoticeChannel) channel!: NoticeChannel;
  @Field(() => ID, { nullable: true, description: 'Chat destination; null for e-mail.' }) destinationId!: string | null;
  @Field(() => String, { nullable: true, description: 'Name of the chat destination; null for e-mail or once the destination was removed.' }) destinationName!: string | null;
  @Field(() => [String], { description: 'E-mail recipients; empty for chat.' }) recipients!: string[];
  @Field(() => NoticeKind) kind!: NoticeKind;
  @Field(() => String) subject!: string;
  @Field(() => NoticeStatus) status!: NoticeStatus;
  @Field(() => Int) attempts!: number;
  @Field(() => String, { nullable: true, description: "The last failure, e.g. the provider's answer." }) lastError!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'Next attempt while PENDING.' }) nextAttemptAt!: Date | null;
  @Field(() => Date, { nullable: true }) sentAt!: Date | null;

  static from(row: NoticeListRow): NoticeDelivery {
    return Object.assign(new NoticeDelivery(), {
      id: row.id,
      mailboxNumber: Number(row.mailbox_number),
      channel: row.channel === 'chat' ? NoticeChannel.CHAT : NoticeChannel.EMAIL,
      destinationId: row.destination_id,
      destinationName: row.destination_name,
      recipients: JSON.parse(row.recipients) as string[],
      kind: row.kind as NoticeKind,
      subject: row.subject,
      status: row.status.toUpperCase() as NoticeStatus,
      attempts: Number(row.attempts),
      lastError: row.last_error,
      createdAt: new Date(row.created_at),
      nextAttemptAt: row.status === 'pending' ? new Date(row.next_attempt_at) : null,
      sentAt: row.sent_at ? new Date(row.sent_at) : null,
    });
  }
}

export const { ConnectionType: NoticeDeliveryConnection } = connectionTypes('NoticeDelivery', NoticeDelivery);

@ArgsType()
export class NoticesArgs extends ConnectionArgs {
  @Field(() => Int) mailboxNumber!: number;
  @Field(() => NoticeStatus, { nullable: true }) status?: NoticeStatus | null;
}

@InputType()
export class SendTestNotificationInput {
  @Field(() => Int) mailboxNumber!: number;
  @Field(() => ID) destinationId!: string;
}

@ObjectType({ description: 'What the chat provider answered to a test message.' })
export class ProviderAnswer {
  @Field(() => Boolean, { description: 'The provider accepted the message (HTTP 2xx).' }) ok!: boolean;
  @Field(() => Int, { description: 'HTTP status; 0 when the provider could not be reached (see body).' }) status!: number;
  @Field(() => String, { description: 'The start of the answer body, or why there was none.' }) body!: string;
}

@ObjectType()
export class SendTestNotificationPayload extends Payload {
  @Field(() => ProviderAnswer, { nullable: true })
  answer: ProviderAnswer | null = null;
}
