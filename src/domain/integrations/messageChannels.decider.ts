import { notFound, validationError } from '../shared/errors.js';
import type { DomainEvent } from '../shared/decider.js';
import { requireOneOf, requirePositiveInteger } from '../identity/validation.js';
import { requireBoolean, requireCiphertext, show } from '../inbound/validation.js';
import type { MailboxSettingsWiped } from '../shared/mailboxReset.js';
import { assertNever, type Command, type Decider } from '../shared/decider.js';

/**
 * Message channels (メッセージ応対): the connection settings of a mailbox to LINE, Yahoo!
 * Shopping and Rakuten R-Messe inquiry systems. The connections themselves are out of
 * scope; these are the settings they will read. Stream `message-channels-<mailboxNumber>`.
 *
 * Rules (all of them live here):
 * - Each channel has fixed settings and secrets (CHANNEL_SPECS). The first configuration
 *   needs every setting and every secret; later ones change what they name and keep the rest.
 * - Secrets arrive as vault ciphertext (the service checks and encrypts the plaintext).
 * - Enabling an enabled (or disabling a disabled) channel, and an unchanged configuration,
 *   append nothing. A removed channel can be configured again from scratch.
 */

export const MessageChannelKind = { LINE: 'LINE', YAHOO_SHOPPING: 'YAHOO_SHOPPING', RAKUTEN_RMESSE: 'RAKUTEN_RMESSE' } as const;
export type MessageChannelKind = (typeof MessageChannelKind)[keyof typeof MessageChannelKind];
export const messageChannelKinds: readonly MessageChannelKind[] = Object.values(MessageChannelKind);

interface SettingSpec {
  readonly pattern: RegExp;
  readonly expected: string;
}
interface ChannelSpec {
  readonly settings: { readonly [name: string]: SettingSpec };
  readonly secrets: readonly string[];
}

export const CHANNEL_SPECS: { readonly [K in MessageChannelKind]: ChannelSpec } = {
  // LINE Messaging API: a channel id is a 10-digit number; secret and access token authenticate it.
  LINE: {
    settings: { channelId: { pattern: /^\d{10}$/, expected: 'a 10-digit LINE channel ID' } },
    secrets: ['channelSecret', 'channelAccessToken'],
  },
  // Yahoo! Shopping store API: the store account (seller id) and the application's client id.
  YAHOO_SHOPPING: {
    settings: {
      sellerId: { pattern: /^[a-z0-9][a-z0-9_-]{0,63}$/, expected: 'a store account (seller ID) of lower-case letters, digits, "-" and "_"' },
      applicationId: { pattern: /^[\x21-\x7e]{1,255}$/, expected: 'an application (client) ID of 1–255 printable ASCII characters' },
    },
    secrets: ['applicationSecret'],
  },
  // Rakuten RMS WEB SERVICE: shop id, with serviceSecret + licenseKey as the API credentials.
  RAKUTEN_RMESSE: {
    settings: { shopId: { pattern: /^\d{1,10}$/, expected: 'a numeric Rakuten shop ID' } },
    secrets: ['serviceSecret', 'licenseKey'],
  },
};

export const messageChannelsStreamId = (mailboxNumber: number): string => `message-channels-${mailboxNumber}`;

type Strings = { readonly [name: string]: string };

// ---- Commands ----
export type ConfigureMessageChannel = Command<
  'ConfigureMessageChannel',
  {
    readonly mailboxNumber: number;
    readonly channel: MessageChannelKind;
    /** Omitted settings keep their value. */
    readonly settings: { readonly [name: string]: string | null | undefined };
    /** Ciphertexts of the secrets to set; omitted ones keep their value. */
    readonly secretCiphertexts: Strings;
    /** @default true on the first configuration, unchanged afterwards */
    readonly enabled?: boolean | null;
  }
>;
type ChannelRef = { readonly mailboxNumber: number; readonly channel: MessageChannelKind };
export type SetMessageChannelEnabled = Command<'SetMessageChannelEnabled', ChannelRef & { readonly enabled: boolean }>;
export type RemoveMessageChannel = Command<'RemoveMessageChannel', ChannelRef>;
export type MessageChannelsCommand = ConfigureMessageChannel | SetMessageChannelEnabled | RemoveMessageChannel;

// ---- Events ----
export type MessageChannelConfigured = DomainEvent<
  'MessageChannelConfigured',
  ChannelRef & {
    readonly settings: Strings;
    /** Only the secrets set by this change, and only when there are some, so the audit shows "changed" exactly then. */
    readonly secretCiphertexts?: Strings;
    readonly enabled: boolean;
    readonly changedFields: readonly string[];
  }
>;
export type MessageChannelEnabled = DomainEvent<'MessageChannelEnabled', ChannelRef>;
export type MessageChannelDisabled = DomainEvent<'MessageChannelDisabled', ChannelRef>;
export type MessageChannelRemoved = DomainEvent<'MessageChannelRemoved', ChannelRef>;
export type MessageChannelsEvent = MessageChannelConfigured | MessageChannelEnabled | MessageChannelDisabled | MessageChannelRemoved
  | MailboxSettingsWiped;

export const messageChannelsEventTypes = [
  'MessageChannelConfigured',
  'MessageChannelEnabled',
  'MessageChannelDisabled',
  'MessageChannelRemoved',
  'MailboxSettingsWiped',
] as const satisfies readonly MessageChannelsEvent['type'][];

export const messageChannelSecretFields = { MessageChannelConfigured: ['secretCiphertexts'] } as const;

// ---- State ----
export interface ConfiguredChannel {
  readonly settings: Strings;
  readonly secretCiphertexts: Strings;
  readonly enabled: boolean;
}
export interface MessageChannelsState {
  readonly channels: ReadonlyMap<MessageChannelKind, ConfiguredChannel>;
}

export const initialMessageChannelsState = (): MessageChannelsState => ({ channels: new Map() });

const configure = ({ data }: ConfigureMessageChannel, state: MessageChannelsState): MessageChannelConfigured[] => {
  const mailboxNumber = requirePositiveInteger(['mailboxNumber'], data.mailboxNumber);
  const channel = requireOneOf(['channel'], data.channel, messageChannelKinds);
  const spec = CHANNEL_SPECS[channel];
  const current = state.channels.get(channel);
  for (const name of Object.keys(data.settings)) {
    if (!(name in spec.settings)) throw validationError([name], `${channel} has no setting ${show(name)}; expected ${Object.keys(spec.settings).join(', ')}`);
  }
  for (const name of Object.keys(data.secretCiphertexts)) {
    if (!spec.secrets.includes(name)) throw validationError([name], `${channel} has no secret ${show(name)}; expected ${spec.secrets.join(', ')}`);
  }
  const settings: Record<string, string> = {};
  for (const [name, rule] of Object.entries(spec.settings)) {
    const given = data.settings[name];
    const value = given == null ? current?.settings[name] : typeof given === 'string' ? given.trim() : given;
    if (value === undefined) throw validationError([name], `Expected ${rule.expected}; it is required when ${channel} is first configured`);
    if (typeof value !== 'string' || !rule.pattern.test(value)) throw validationError([name], `Expected ${rule.expected}, got ${show(given)}`);
    settings[name] = value;
  }
  const secretCiphertexts: Record<string, string> = {};
  for (const name of spec.secrets) {
    const given = data.secretCiphertexts[name];
    if (given !== undefined) secretCiphertexts[name] = requireCiphertext([name], given);
    else if (!current) throw validationError([name], `The ${name} is required when ${channel} is first configured`);
  }
  const enabled = data.enabled == null ? (current?.enabled ?? true) : requireBoolean(['enabled'], data.enabled);
  const changedFields = [
    ...Object.keys(settings).filter((n) => settings[n] !== current?.settings[n]),
    ...Object.keys(secretCiphertexts),
    ...(current && current.enabled !== enabled ? ['enabled'] : []),
  ];
  if (current && changedFields.length === 0) return [];
  const secrets = Object.keys(secretCiphertexts).length > 0 ? { secretCiphertexts } : {};
  return [{ type: 'MessageChannelConfigured', data: { mailboxNumber, channel, settings, ...secrets, enabled, changedFields } }];
};

const requireConfigured = (state: MessageChannelsState, channel: MessageChannelKind): ConfiguredChannel => {
  const current = state.channels.get(channel);
  if (current) return current;
  if (!messageChannelKinds.includes(channel)) throw validationError(['channel'], `Expected one of ${messageChannelKinds.join(', ')}, got ${show(channel)}`);
  throw notFound('Message channel', channel, ['channel']);
};

export const decideMessageChannels = (command: MessageChannelsCommand, state: MessageChannelsState): MessageChannelsEvent | readonly MessageChannelsEvent[] => {
  switch (command.type) {
    case 'ConfigureMessageChannel':
      return configure(command, state);
    case 'SetMessageChannelEnabled': {
      const { mailboxNumber, channel, enabled } = command.data;
      const current = requireConfigured(state, channel);
      if (current.enabled === requireBoolean(['enabled'], enabled)) return [];
      return [{ type: enabled ? 'MessageChannelEnabled' : 'MessageChannelDisabled', data: { mailboxNumber, channel } }];
    }
    case 'RemoveMessageChannel': {
      const { mailboxNumber, channel } = command.data;
      requireConfigured(state, channel);
      return { type: 'MessageChannelRemoved', data: { mailboxNumber, channel } };
    }
    default:
      return assertNever(command);
  }
};

const withChannel = (state: MessageChannelsState, channel: MessageChannelKind, f: (c: ConfiguredChannel) => ConfiguredChannel | null): MessageChannelsState => {
  const current = state.channels.get(channel);
  const channels = new Map(state.channels);
  const next = current ? f(current) : null;
  if (next) channels.set(channel, next);
  else channels.delete(channel);
  return { channels };
};

export const evolveMessageChannels = (state: MessageChannelsState, event: MessageChannelsEvent): MessageChannelsState => {
  switch (event.type) {
    case 'MessageChannelConfigured': {
      const { channel, settings, secretCiphertexts, enabled } = event.data;
      const before = state.channels.get(channel);
      const channels = new Map(state.channels).set(channel, {
        settings,
        secretCiphertexts: { ...before?.secretCiphertexts, ...secretCiphertexts },
        enabled,
      });
      return { channels };
    }
    case 'MessageChannelEnabled':
      return withChannel(state, event.data.channel, (c) => ({ ...c, enabled: true }));
    case 'MessageChannelDisabled':
      return withChannel(state, event.data.channel, (c) => ({ ...c, enabled: false }));
    case 'MessageChannelRemoved':
      return withChannel(state, event.data.channel, () => null);
    case 'MailboxSettingsWiped':
      return initialMessageChannelsState();
    default:
      return assertNever(event);
  }
};

export const messageChannelsDecider: Decider<MessageChannelsState, MessageChannelsCommand, MessageChannelsEvent> = {
  decide: decideMessageChannels,
  evolve: evolveMessageChannels,
  initialState: initialMessageChannelsState,
};

