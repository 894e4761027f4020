import type { ConfigurationSection, JsonValue, SECRET_SET as AuditSecretSet } from '../audit/sections.js';
import { externalCallsDecider, type ExternalCallsEvent, type ExternalCallsState } from '../../domain/integrations/externalCalls.decider.js';
import {
  messageChannelSecretFields,
  messageChannelsDecider,
  type MessageChannelsEvent,
  type MessageChannelsState,
} from '../../domain/integrations/messageChannels.decider.js';
import type { DomainEvent } from '../../domain/shared/decider.js';
import { noticeLanguageDecider, type NoticeLanguageEvent, type NoticeLanguageState } from '../../domain/integrations/noticeLanguage.decider.js';
import {
  chatDestinationSecretFields,
  chatDestinationsDecider,
  type ChatDestinationsEvent,
  type ChatDestinationsState,
} from '../../domain/integrations/chatDestinations.decider.js';

/**
 * The integrations settings as the audit replays them. src/app/audit/sections.ts imports this
 * module, so this one imports nothing from it at run time (types only).
 */

/** The audit's SECRET_SET; the type pins the two to the same literal. */
const SECRET_SET: typeof AuditSecretSet = '(set)';

const externalCallsView = (state: ExternalCallsState): JsonValue | null => {
  if (state.calls.size === 0 && state.removed.size === 0) return null;
  const calls: Record<string, JsonValue> = {};
  for (const id of [...state.calls.keys()].sort()) calls[id] = { ...state.calls.get(id)! };
  return { calls };
};

const externalCallsSection: ConfigurationSection<ExternalCallsState> = {
  name: 'integrations.external_calls',
  streamPrefix: 'external-calls-',
  cardinality: 'one',
  initialState: externalCallsDecider.initialState,
  evolve: (state, event: DomainEvent) => externalCallsDecider.evolve(state, event as ExternalCallsEvent),
  toView: externalCallsView,
};

const messageChannelsView = (state: MessageChannelsState): JsonValue | null => {
  if (state.channels.size === 0) return null;
  const channels: Record<string, JsonValue> = {};
  for (const kind of [...state.channels.keys()].sort()) {
    const c = state.channels.get(kind)!;
    const secrets = Object.fromEntries(Object.keys(c.secretCiphertexts).sort().map((name) => [name, SECRET_SET]));
    channels[kind] = { ...c.settings, ...secrets, enabled: c.enabled };
  }
  return channels;
};

const messageChannelsSection: ConfigurationSection<MessageChannelsState> = {
  name: 'integrations.message_channels',
  streamPrefix: 'message-channels-',
  cardinality: 'one',
  initialState: messageChannelsDecider.initialState,
  evolve: (state, event: DomainEvent) => messageChannelsDecider.evolve(state, event as MessageChannelsEvent),
  toView: messageChannelsView,
  secretFields: messageChannelSecretFields,
};

const chatDestinationsView = (state: ChatDestinationsState): JsonValue | null => {
  if (state.destinations.size === 0 && state.removed.size === 0) return null;
  const destinations: Record<string, JsonValue> = {};
  for (const id of [...state.destinations.keys()].sort()) {
    const { credentialCiphertext: _secret, eventKinds, ...d } = state.destinations.get(id)!;
    destinations[id] = { ...d, eventKinds: [...eventKinds], credential: SECRET_SET };
  }
  return { destinations };
};

const chatDestinationsSection: ConfigurationSection<ChatDestinationsState> = {
  name: 'integrations.chat_destinations',
  streamPrefix: 'chat-destinations-',
  cardinality: 'one',
  initialState: chatDestinationsDecider.initialState,
  evolve: (state, event: DomainEvent) => chatDestinationsDecider.evolve(state, event as ChatDestinationsEvent),
  toView: chatDestinationsView,
  secretFields: chatDestinationSecretFields,
};

/** Null while the mailbox speaks the deployment default: that is not a setting of the mailbox. */
const noticeLanguageSection: ConfigurationSection<NoticeLanguageState> = {
  name: 'integrations.notice_language',
  streamPrefix: 'notice-language-',
  cardinality: 'one',
  initialState: noticeLanguageDecider.initialState,
  evolve: (state, event: DomainEvent) => noticeLanguageDecider.evolve(state, event as NoticeLanguageEvent),
  toView: (state) => (state.language === null ? null : { language: state.language }),
};

export const integrationsConfigurationSections = [externalCallsSection, messageChannelsSection, chatDestinationsSection, noticeLanguageSection] as unknown as readonly ConfigurationSection[];
