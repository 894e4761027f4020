import { alreadyExists, illegalState, notFound, validationError } from '../shared/errors.js';
import type { DomainEvent } from '../shared/decider.js';
import { requireOneOf, requirePositiveInteger, requireUuid } from '../identity/validation.js';
import { requireBoolean, requireCiphertext, show } from '../inbound/validation.js';
import type { MailboxSettingsWiped } from '../shared/mailboxReset.js';
import { assertNever, type Command, type Decider } from '../shared/decider.js';
import { requireText, type CheckedText } from '../shared/text.js';

/**
 * External chat destinations (外部チャット連携) of one mailbox: where notices go in Slack,
 * Chatwork or Microsoft Teams, and which kinds of events are sent. Delivery is not part of
 * these settings. Stream `chat-destinations-<mailboxNumber>`.
 *
 * Rules (all of them live here):
 * - Slack: an incoming-webhook URL on https://hooks.slack.com/. Teams: a workflow (Power
 *   Automate) webhook URL, https. Chatwork: an API token and a numeric room id. The URL or
 *   token is a credential: it is checked in plaintext by `requireChatCredential` (the
 *   service calls it before encrypting), and reaches the decider as ciphertext only.
 * - Name 1–100 characters, unique in the mailbox (case-insensitive); at most 20 destinations.
 * - At least one event kind; duplicates are dropped, order kept; RECEIVE_ERROR (before the
 *   split) stands for the receive kinds. The kind of a destination is fixed once added.
 * - Unchanged edits append nothing; a removed destination's id is never reused.
 */

export const ChatKind = { SLACK: 'SLACK', CHATWORK: 'CHATWORK', TEAMS: 'TEAMS' } as const;
export type ChatKind = (typeof ChatKind)[keyof typeof ChatKind];
export const chatKinds: readonly ChatKind[] = Object.values(ChatKind);

/** Notices a destination can receive; each has a source event in another area. */
export const ChatEventKind = {
  /** A receive account started failing; also the source server holding too many messages (src/mail/notices/noticeFanout.ts). */
  RECEIVE_ERROR_RAISED: 'RECEIVE_ERROR_RAISED',
  RECEIVE_ERROR_CLEARED: 'RECEIVE_ERROR_CLEARED',
  MESSAGE_TOO_LARGE: 'MESSAGE_TOO_LARGE',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  ACCOUNT_UNLOCKED: 'ACCOUNT_UNLOCKED',
  /** A client address or network was refused for a time after many failed logins across users (src/app/access/addressBlockNotices.ts). */
  ADDRESS_BLOCKED: 'ADDRESS_BLOCKED',
  OAUTH_REAUTHORIZATION_REQUIRED: 'OAUTH_REAUTHORIZATION_REQUIRED',
  /** The mailbox was reset; delivered from a copy of the credential the reset shreds (src/mail/notices/chat/chatCopy.ts). */
  MAILBOX_RESET: 'MAILBOX_RESET',
  /** Any setting event of the mailbox (src/app/audit/settingChanges.ts says which). */
  SETTING_CHANGED: 'SETTING_CHANGED',
} as const;
export type ChatEventKind = (typeof ChatEventKind)[keyof typeof ChatEventKind];
export const chatEventKinds: readonly ChatEventKind[] = Object.values(ChatEventKind);

/**
 * The one kind destinations subscribed to before receive notices were split: it meant every
 * receive notice. Stored events keep it, so it is read as the receive kinds wherever kinds are
 * read (evolve, projection rows written before the split), and still accepted on input.
 */
export const LEGACY_RECEIVE_ERROR = 'RECEIVE_ERROR';
export const receiveChatEventKinds: readonly ChatEventKind[] = [ChatEventKind.RECEIVE_ERROR_RAISED, ChatEventKind.RECEIVE_ERROR_CLEARED, ChatEventKind.MESSAGE_TOO_LARGE];

/** Kinds as stored or given, with RECEIVE_ERROR read as the receive kinds; duplicates dropped, order kept. */
export const upcastChatEventKinds = (kinds: readonly string[]): ChatEventKind[] => {
  const out: ChatEventKind[] = [];
  for (const kind of kinds) {
    for (const k of kind === LEGACY_RECEIVE_ERROR ? receiveChatEventKinds : [kind as ChatEventKind]) if (!out.includes(k)) out.push(k);
  }
  return out;
};

export const MAX_CHAT_DESTINATIONS = 20;
export const chatDestinationsStreamId = (mailboxNumber: number): string => `chat-destinations-${mailboxNumber}`;

const CHATWORK_TOKEN = /^[A-Za-z0-9]{16,128}$/;

/** http://127.0.0.1:<port>/… : a receiver started by a test, accepted only when the deployment allows it. */
const isLoopbackReceiver = (url: URL): boolean => url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.port !== '' && !url.username && !url.password;

/**
 * The credential of a kind in plaintext: Slack/Teams webhook URL or Chatwork API token. Never echoed back.
 * `allowLoopback` (the egress policy allows 127.0.0.1: test receivers) also accepts http://127.0.0.1:<port>/ URLs.
 */
export const requireChatCredential = (kind: ChatKind, value: unknown, allowLoopback = false): string => {
  const path = kind === 'CHATWORK' ? ['apiToken'] : ['webhookUrl'];
  const text = typeof value === 'string' ? value.trim() : '';
  if (kind === 'CHATWORK') {
    if (!CHATWORK_TOKEN.test(text)) throw validationError(path, `Expected a Chatwork API token of 16–128 letters and digits, got ${text.length} characters (value not shown)`);
    return text;
  }
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (allowLoopback && url !== null && isLoopbackReceiver(url)) return url.href;
  const ok = url !== null && url.protocol === 'https:' && !url.username && !url.password && (kind === 'SLACK' ? url.hostname === 'hooks.slack.com' && url.pathname.startsWith('/') && url.pathname.length > 1 : url.hostname.includes('.'));
  if (!ok) {
    const expected = kind === 'SLACK' ? 'a Slack incoming-webhook URL "https://hooks.slack.com/services/…"' : 'a Teams workflow webhook URL starting with https://';
    throw validationError(path, `Expected ${expected}, got ${url ? `a URL on ${url.protocol}//${url.hostname}` : 'something that is not a URL'} (rest not shown)`);
  }
  return url!.href;
};

export interface ChatDestinationFields {
  readonly name: string;
  /** Chatwork only; null for Slack and Teams. */
  readonly roomId: string | null;
  readonly eventKinds: readonly ChatEventKind[];
  readonly enabled: boolean;
}

interface DestinationRef {
  readonly mailboxNumber: number;
  readonly destinationId: string;
}

// ---- Commands ----
export type AddChatDestination = Command<
  'AddChatDestination',
  DestinationRef & ChatDestinationFields & { readonly kind: ChatKind; readonly credentialCiphertext: string }
>;
export type ChangeChatDestination = Command<
  'ChangeChatDestination',
  DestinationRef & Partial<ChatDestinationFields> & { readonly credentialCiphertext?: string | null }
>;
export type RemoveChatDestination = Command<'RemoveChatDestination', DestinationRef>;
export type ChatDestinationsCommand = AddChatDestination | ChangeChatDestination | RemoveChatDestination;

// ---- Events ----
/** What is stored: the name as the text rule made it, so the decider cannot store raw input (only `requireText` makes one). */
export type StoredChatDestinationFields = Omit<ChatDestinationFields, 'name'> & { readonly name: CheckedText<'name'> };
export type ChatDestinationAdded = DomainEvent<
  'ChatDestinationAdded',
  DestinationRef & StoredChatDestinationFields & { readonly kind: ChatKind; readonly credentialCiphertext: string }
>;
export type ChatDestinationChanged = DomainEvent<
  'ChatDestinationChanged',
  DestinationRef &
    StoredChatDestinationFields & {
      /** Only when a new credential was set, so the audit shows "changed" exactly then. */
      readonly credentialCiphertext?: string;
      readonly changedFields: readonly string[];
    }
>;
export type ChatDestinationRemoved = DomainEvent<'ChatDestinationRemoved', DestinationRef & { readonly name: string }>;
export type ChatDestinationsEvent = ChatDestinationAdded | ChatDestinationChanged | ChatDestinationRemoved
  | MailboxSettingsWiped;

export const chatDestinationsEventTypes = ['ChatDestinationAdded', 'ChatDestinationChanged', 'ChatDestinationRemoved', 'MailboxSettingsWiped'] as const satisfies readonly ChatDestinationsEvent['type'][];
export const chatDestinationSecretFields = { ChatDestinationAdded: ['credentialCiphertext'], ChatDestinationChanged: ['credentialCiphertext'] } as const;

// ---- State ----
export interface ChatDestination extends ChatDestinationFields {
  readonly kind: ChatKind;
  readonly credentialCiphertext: string;
}
export interface ChatDestinationsState {
  readonly destinations: ReadonlyMap<string, ChatDestination>;
  readonly removed: ReadonlySet<string>;
}

export const initialChatDestinationsState = (): ChatDestinationsState => ({ destinations: new Map(), removed: new Set() });

const requireEventKinds = (value: unknown): ChatEventKind[] => {
  if (!Array.isArray(value) || value.length === 0) throw validationError(['eventKinds'], `Expected at least one of ${chatEventKinds.join(', ')}, got ${show(value)}`);
  for (const [i, k] of value.entries()) if (k !== LEGACY_RECEIVE_ERROR) requireOneOf(['eventKinds', String(i)], k, chatEventKinds);
  return upcastChatEventKinds(value as string[]);
};

const requireRoomId = (kind: ChatKind, value: unknown): string | null => {
  if (kind !== 'CHATWORK') {
    if (value != null && value !== '') throw validationError(['roomId'], `Only Chatwork destinations have a room id; expected none for ${kind}, got ${show(value)}`);
    return null;
  }
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^[1-9]\d{0,18}$/.test(text)) throw validationError(['roomId'], `Expected a numeric Chatwork room id, got ${show(value)}`);
  return text;
};

const validFields = (kind: ChatKind, f: ChatDestinationFields): StoredChatDestinationFields => ({
  name: requireText(['name'], f.name, 'name'),
  roomId: requireRoomId(kind, f.roomId),
  eventKinds: requireEventKinds(f.eventKinds),
  enabled: requireBoolean(['enabled'], f.enabled),
});

const requireUniqueName = (state: ChatDestinationsState, id: string, name: string): void => {
  for (const [other, d] of state.destinations) {
    if (other !== id && d.name.toLowerCase() === name.toLowerCase()) throw alreadyExists(`A chat destination named "${d.name}" already exists in this mailbox; choose another name`, ['name']);
  }
};

const requireDestination = (state: ChatDestinationsState, id: string): ChatDestination => {
  const d = state.destinations.get(id);
  if (d) return d;
  if (state.removed.has(id)) throw illegalState(`Chat destination ${id} was removed`, ['destinationId']);
  throw notFound('Chat destination', id, ['destinationId']);
};

const add = ({ data }: AddChatDestination, state: ChatDestinationsState): ChatDestinationAdded => {
  const destinationId = requireUuid(['destinationId'], data.destinationId);
  if (state.destinations.has(destinationId) || state.removed.has(destinationId)) throw alreadyExists(`Chat destination ${destinationId} already exists`, ['destinationId']);
  if (state.destinations.size >= MAX_CHAT_DESTINATIONS) throw validationError([], `A mailbox has at most ${MAX_CHAT_DESTINATIONS} chat destinations; remove one first`);
  const kind = requireOneOf(['kind'], data.kind, chatKinds);
  const fields = validFields(kind, data);
  requireUniqueName(state, destinationId, fields.name);
  return {
    type: 'ChatDestinationAdded',
    data: {
      mailboxNumber: requirePositiveInteger(['mailboxNumber'], data.mailboxNumber),
      destinationId,
      kind,
      ...fields,
      credentialCiphertext: requireCiphertext([kind === 'CHATWORK' ? 'apiToken' : 'webhookUrl'], data.credentialCiphertext),
    },
  };
};

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

const change = ({ data }: ChangeChatDestination, state: ChatDestinationsState): ChatDestinationChanged[] => {
  const current = requireDestination(state, data.destinationId);
  const next = validFields(current.kind, {
    name: data.name ?? current.name,
    roomId: data.roomId === undefined ? current.roomId : data.roomId,
    eventKinds: data.eventKinds ?? current.eventKinds,
    enabled: data.enabled ?? current.enabled,
  });
  requireUniqueName(state, data.destinationId, next.name);
  const secret = data.credentialCiphertext == null ? null : requireCiphertext([current.kind === 'CHATWORK' ? 'apiToken' : 'webhookUrl'], data.credentialCiphertext);
  const changedFields = [
    ...(next.name !== current.name ? ['name'] : []),
    ...(next.roomId !== current.roomId ? ['roomId'] : []),
    ...(!sameList(next.eventKinds, current.eventKinds) ? ['eventKinds'] : []),
    ...(next.enabled !== current.enabled ? ['enabled'] : []),
    ...(secret !== null ? ['credential'] : []),
  ];
  if (changedFields.length === 0) return [];
  return [
    {
      type: 'ChatDestinationChanged',
      data: { mailboxNumber: data.mailboxNumber, destinationId: data.destinationId, ...next, ...(secret !== null ? { credentialCiphertext: secret } : {}), changedFields },
    },
  ];
};

export const decideChatDestinations = (command: ChatDestinationsCommand, state: ChatDestinationsState): ChatDestinationsEvent | readonly ChatDestinationsEvent[] => {
  switch (command.type) {
    case 'AddChatDestination':
      return add(command, state);
    case 'ChangeChatDestination':
      return change(command, state);
    case 'RemoveChatDestination': {
      const current = requireDestination(state, command.data.destinationId);
      return { type: 'ChatDestinationRemoved', data: { mailboxNumber: command.data.mailboxNumber, destinationId: command.data.destinationId, name: current.name } };
    }
    default:
      return assertNever(command);
  }
};

export const evolveChatDestinations = (state: ChatDestinationsState, event: ChatDestinationsEvent): ChatDestinationsState => {
  switch (event.type) {
    case 'ChatDestinationAdded': {
      const { mailboxNumber: _m, destinationId, ...destination } = event.data;
      return { ...state, destinations: new Map(state.destinations).set(destinationId, { ...destination, eventKinds: upcastChatEventKinds(destination.eventKinds) }) };
    }
    case 'ChatDestinationChanged': {
      const current = state.destinations.get(event.data.destinationId);
      if (!current) return state;
      const { mailboxNumber: _m, destinationId, changedFields: _c, ...fields } = event.data;
      return { ...state, destinations: new Map(state.destinations).set(destinationId, { ...current, ...fields, eventKinds: upcastChatEventKinds(fields.eventKinds) }) };
    }
    case 'ChatDestinationRemoved': {
      const destinations = new Map(state.destinations);
      destinations.delete(event.data.destinationId);
      return { destinations, removed: new Set(state.removed).add(event.data.destinationId) };
    }
    case 'MailboxSettingsWiped':
      return initialChatDestinationsState();
    default:
      return assertNever(event);
  }
};

export const chatDestinationsDecider: Decider<ChatDestinationsState, ChatDestinationsCommand, ChatDestinationsEvent> = {
  decide: decideChatDestinations,
  evolve: evolveChatDestinations,
  initialState: initialChatDestinationsState,
};
