import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ChatDestinationRow } from './integrations.loaders.js';
import { ChatEventKind, ChatKind, LEGACY_RECEIVE_ERROR, upcastChatEventKinds } from '../../domain/integrations/chatDestinations.decider.js';
import { SettingInput } from '../identity/identity.inputs.js';
import { Payload } from '../userErrors.js';
import { SettingPayload } from '../dryRun.js';

registerEnumType(ChatKind, { name: 'ChatKind', description: 'SLACK: incoming webhook. CHATWORK: API token + room. TEAMS: workflow webhook.' });
/**
 * RECEIVE_ERROR, the one receive kind before the split, stays accepted on input (as the three
 * receive kinds, src/domain/integrations/chatDestinations.decider.ts) so existing clients keep
 * working; GraphQL allows deprecating enum values, and it is never returned.
 */
const ChatEventKindEnum = { ...ChatEventKind, [LEGACY_RECEIVE_ERROR]: LEGACY_RECEIVE_ERROR } as const;
registerEnumType(ChatEventKindEnum, {
  name: 'ChatEventKind',
  description: 'Which notices a chat destination receives.',
  valuesConfig: {
    RECEIVE_ERROR: { deprecationReason: 'Input only, never returned: means RECEIVE_ERROR_RAISED, RECEIVE_ERROR_CLEARED and MESSAGE_TOO_LARGE. Name those instead.' },
    RECEIVE_ERROR_RAISED: { description: 'A receive account started failing, including a source mailbox over its message limit.' },
    ADDRESS_BLOCKED: { description: 'A client address or network is refused logins for a time after many failed logins across usernames (credential stuffing).' },
  },
});
type ChatEventKindInput = ChatEventKind | typeof LEGACY_RECEIVE_ERROR;

export type { ChatDestinationRow };

@ObjectType({ description: 'Where notices are posted in an external chat (外部チャット連携). The webhook URL or API token is write-only.' })
export class ChatDestination {
  @Field(() => ID) id!: string;
  @Field(() => Int) mailboxNumber!: number;
  @Field(() => ChatKind) kind!: ChatKind;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'Chatwork room id; null for Slack and Teams.' }) roomId!: string | null;
  @Field(() => Boolean, { description: 'Always true: the webhook URL (Slack, Teams) or API token (Chatwork) is required. Never returned.' }) credentialSet!: boolean;
  @Field(() => [ChatEventKindEnum]) eventKinds!: ChatEventKind[];
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;

  static from(row: ChatDestinationRow): ChatDestination {
    return Object.assign(new ChatDestination(), {
      id: row.destination_id,
      mailboxNumber: row.mailbox_number,
      kind: row.kind as ChatKind,
      name: row.name,
      roomId: row.room_id,
      credentialSet: true,
      eventKinds: upcastChatEventKinds(JSON.parse(row.event_kinds) as string[]),
      enabled: row.enabled === 1,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
    });
  }
}

@ObjectType()
export class ChatDestinationPayload extends SettingPayload {
  @Field(() => ChatDestination, { nullable: true })
  chatDestination: ChatDestination | null = null;
}

@ObjectType()
export class RemoveChatDestinationPayload extends SettingPayload {
  @Field(() => ID, { nullable: true })
  removedChatDestinationId: string | null = null;
}

@InputType()
export class AddChatDestinationInput extends SettingInput {
  @Field(() => Int) mailboxNumber!: number;
  @Field(() => ChatKind) kind!: ChatKind;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'Slack / Teams: the webhook URL. Write-only.' }) webhookUrl?: string | null;
  @Field(() => String, { nullable: true, description: 'Chatwork: the API token. Write-only.' }) apiToken?: string | null;
  @Field(() => String, { nullable: true, description: 'Chatwork only.' }) roomId?: string | null;
  @Field(() => [ChatEventKindEnum]) eventKinds!: ChatEventKindInput[];
  @Field(() => Boolean, { defaultValue: true }) enabled!: boolean;
}

@InputType()
export class ChatDestinationRefInput extends SettingInput {
  @Field(() => Int) mailboxNumber!: number;
  @Field(() => ID) destinationId!: string;
}

@InputType({ description: 'Omitted fields keep their value; the kind is fixed.' })
export class ChangeChatDestinationInput extends ChatDestinationRefInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'Slack / Teams; write-only, omit to keep.' }) webhookUrl?: string | null;
  @Field(() => String, { nullable: true, description: 'Chatwork; write-only, omit to keep.' }) apiToken?: string | null;
  @Field(() => String, { nullable: true }) roomId?: string | null;
  @Field(() => [ChatEventKindEnum], { nullable: true }) eventKinds?: ChatEventKindInput[] | null;
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
}
