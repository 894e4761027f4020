import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { MessageChannelRow } from './integrations.loaders.js';
import { MessageChannelKind } from '../../domain/integrations/messageChannels.decider.js';
import { SettingInput } from '../identity/identity.inputs.js';
import { Payload } from '../userErrors.js';
import { SettingPayload } from '../dryRun.js';

registerEnumType(MessageChannelKind, { name: 'MessageChannelKind', description: 'Inquiry systems a mailbox answers (メッセージ応対).' });

export type { MessageChannelRow };

const settingsOf = (row: MessageChannelRow) => JSON.parse(row.settings) as Record<string, string>;
const isSet = (row: MessageChannelRow, name: string) => (JSON.parse(row.secrets_set) as string[]).includes(name);

@ObjectType({ description: 'LINE Messaging API channel. Secrets are write-only.' })
export class LineChannel {
  @Field(() => String) channelId!: string;
  @Field(() => Boolean) channelSecretSet!: boolean;
  @Field(() => Boolean) channelAccessTokenSet!: boolean;
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType({ description: 'Yahoo! Shopping store API. Secrets are write-only.' })
export class YahooShoppingChannel {
  @Field(() => String) sellerId!: string;
  @Field(() => String) applicationId!: string;
  @Field(() => Boolean) applicationSecretSet!: boolean;
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType({ description: 'Rakuten R-Messe through the RMS WEB SERVICE. Secrets are write-only.' })
export class RakutenRMesseChannel {
  @Field(() => String) shopId!: string;
  @Field(() => Boolean) serviceSecretSet!: boolean;
  @Field(() => Boolean) licenseKeySet!: boolean;
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType({ description: 'Message channels of a mailbox; null where a channel is not configured.' })
export class MessageChannels {
  @Field(() => Int) mailboxNumber!: number;
  @Field(() => LineChannel, { nullable: true }) line!: LineChannel | null;
  @Field(() => YahooShoppingChannel, { nullable: true }) yahooShopping!: YahooShoppingChannel | null;
  @Field(() => RakutenRMesseChannel, { nullable: true }) rakutenRMesse!: RakutenRMesseChannel | null;

  static from(mailboxNumber: number, rows: readonly MessageChannelRow[]): MessageChannels {
    const row = (kind: MessageChannelKind) => rows.find((r) => r.channel === kind) ?? null;
    const line = row('LINE');
    const yahoo = row('YAHOO_SHOPPING');
    const rakuten = row('RAKUTEN_RMESSE');
    const common = (r: MessageChannelRow) => ({ enabled: r.enabled === 1, updatedAt: new Date(r.updated_at) });
    return Object.assign(new MessageChannels(), {
      mailboxNumber,
      line: line && Object.assign(new LineChannel(), {
        channelId: settingsOf(line)['channelId'],
        channelSecretSet: isSet(line, 'channelSecret'),
        channelAccessTokenSet: isSet(line, 'channelAccessToken'),
        ...common(line),
      }),
      yahooShopping: yahoo && Object.assign(new YahooShoppingChannel(), {
        sellerId: settingsOf(yahoo)['sellerId'],
        applicationId: settingsOf(yahoo)['applicationId'],
        applicationSecretSet: isSet(yahoo, 'applicationSecret'),
        ...common(yahoo),
      }),
      rakutenRMesse: rakuten && Object.assign(new RakutenRMesseChannel(), {
        shopId: settingsOf(rakuten)['shopId'],
        serviceSecretSet: isSet(rakuten, 'serviceSecret'),
        licenseKeySet: isSet(rakuten, 'licenseKey'),
        ...common(rakuten),
      }),
    });
  }
}

@ObjectType()
export class MessageChannelsPayload extends SettingPayload {
  @Field(() => MessageChannels, { nullable: true })
  messageChannels: MessageChannels | null = null;
}

@InputType({ description: 'The first configuration needs every field; later, omitted fields keep their value. Secrets are write-only.' })
export class ConfigureLineChannelInput extends SettingInput {
  @Field(() => Int) mailboxNumber!: number;
  @Field(() => String, { nullable: true }) channelId?: string | null;
  @Field(() => String, { nullable: true, description: '32 hexadecimal digits; write-only.' }) channelSecret?: string | null;
  @Field(() => String, { nullable: true, description: 'Long-lived channel access token; write-only.' }) channelAccessToken?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Default true on the first configuration.' }) enabled?: boolean | null;
}

@InputType({ description: 'The first configuration needs every field; later, omitted fields keep their value. Secrets are write-only.' })
export class ConfigureYahooShoppingChannelInput extends SettingInput {
  @Field(() => Int) mailboxNumber!: number;
  @Field(() => String, { nullable: true }) sellerId?: string | null;
  @Field(() => String, { nullable: true }) applicationId?: string | null;
  @Field(() => String, { nullable: true, description: 'Write-only.' }) applicationSecret?: string | null;
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
}

@InputType({ description: 'The first configuration needs every field; later, omitted fields keep their value. Secrets are write-only.' })
export class ConfigureRakutenRMesseChannelInput extends SettingInput {
  @Field(() => Int) mailboxNumber!: number;
  @Field(() => String, { nullable: true }) shopId?: string | null;
  @Field(() => String, { nullable: true, description: 'RMS serviceSecret; write-only.' }) serviceSecret?: string | null;
  @Field(() => String, { nullable: true, description: 'RMS licenseKey; write-only.' }) licenseKey?: string | null;
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
}

@InputType()
export class MessageChannelRefInput extends SettingInput {
  @Field(() => Int) mailboxNumber!: number;
  @Field(() => MessageChannelKind) channel!: MessageChannelKind;
}

@InputType()
export class SetMessageChannelEnabledInput extends MessageChannelRefInput {
  @Field(() => Boolean) enabled!: boolean;
}
