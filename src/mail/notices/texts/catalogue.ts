import type { NoticeLanguage } from '../../../domain/integrations/noticeLanguage.decider.js';
import type { ReceiveErrorCode } from '../../../domain/inbound/receiveErrors.decider.js';

/**
 * The message catalogue of system notices. Emitters hand over facts (what happened, to
 * whom), never sentences; the outbox renders them when it records the notice, in the
 * language of the notice's mailbox, for e-mail and chat alike. Every language module
 * implements `NoticeCatalogue`, so a kind or an error code without a translation does not
 * compile.
 */

export interface ReceiveAccountFacts {
  readonly mailboxNumber: number;
  readonly displayName: string;
  readonly protocol: string;
  readonly username: string;
  readonly host: string;
  readonly port: number;
}

/** What each kind of notice is about; the texts are made from these only. */
export interface NoticeFacts {
  readonly RECEIVE_ERROR_RAISED: { readonly account: ReceiveAccountFacts; readonly code: ReceiveErrorCode; readonly message: string; readonly serverResponse: string | null };
  readonly MAILBOX_OVER_LIMIT: { readonly account: ReceiveAccountFacts; readonly code: ReceiveErrorCode; readonly message: string; readonly serverResponse: string | null };
  readonly RECEIVE_ERROR_CLEARED: { readonly account: ReceiveAccountFacts; readonly code: ReceiveErrorCode };
  readonly MESSAGE_TOO_LARGE: { readonly account: ReceiveAccountFacts; readonly sizeBytes: number; readonly limitBytes: number; readonly messageKey: string };
  readonly OAUTH_REAUTHORIZATION_REQUIRED: {
    readonly mailboxNumber: number;
    readonly credentialName: string;
    readonly provider: string;
    readonly providerAnswer: string;
    /** Receive accounts that cannot log in until the authorization is renewed. */
    readonly accountNames: readonly string[];
  };
  readonly USER_LOCKED: {
    readonly username: string;
    readonly displayName: string;
    readonly failedAttempts: number;
    readonly policyMailboxNumber: number;
    readonly threshold: number;
    readonly lockedAt: Date;
    readonly clientIp: string | null;
  };
  readonly USER_UNLOCKED: {
    readonly username: string;
    readonly displayName: string;
    readonly unlockedAt: Date;
    /** Username of whoever unlocked; null for the system actor (the `admin unlock` command). */
    readonly unlockedBy: string | null;
    readonly reason: string;
  };
  /** Credential stuffing: a client address or network refused for a time (src/app/access/addressFailures.ts). */
  readonly ADDRESS_BLOCKED: {
    /** The address (`203.0.113.7`) or network (`203.0.113.0/24`, `2001:db8:0:100::/56`) refused. */
    readonly network: string;
    /** Failed logins from it within the counting window, across usernames. */
    readonly failures: number;
    readonly blockedAt: Date;
    readonly until: Date;
  };
  readonly MAILBOX_RESET: { readonly mailboxNumber: number; readonly nameBefore: string; readonly nameAfter: string; readonly resetAt: Date };
  /**
   * A setting event of the mailbox. Names the area, never a value: which field changed and
   * how is for the settings history, where auditors (not chat rooms) may read it.
   */
  readonly SETTING_CHANGED: {
    readonly mailboxNumber: number;
    /** Configuration section name (src/app/audit/sections.ts), e.g. `outbound.smtp`. */
    readonly area: string;
    /** Username of the actor; null for the system. */
    readonly actor: string | null;
    readonly reason: string | null;
    readonly changedAt: Date;
  };
  /** A test message; `destinationName` names the chat destination tested, null for an e-mail test. */
  readonly TEST: { readonly destinationName: string | null; readonly sentAt: Date };
}

/** A notice's kind with the facts of that kind. */
/**
 * The kinds are the keys of NoticeFacts: the catalogue needs no import of notice.ts (which
 * imports it), and notice.ts checks that its NoticeKind list names the same kinds.
 */
type Kind = keyof NoticeFacts;

export type NoticeContent = { readonly [K in Kind]: { readonly kind: K; readonly facts: NoticeFacts[K] } }[Kind];

/** One kind's texts in one language. */
export interface KindTexts {
  /** Short statement of what happened: the chat message's title. */
  readonly headline: string;
  /** E-mail subject: the headline and who or what it concerns. */
  readonly subject: string;
  /** Lines of the e-mail body and of the chat message. */
  readonly lines: readonly string[];
}

/**
 * The configuration sections a SETTING_CHANGED notice can name; every language labels each
 * one. A section registered later without a label is shown by its name until it gets one.
 */
export const settingAreas = [
  'identity.mailbox',
  'inbound.receive_accounts',
  'inbound.oauth_credentials',
  'outbound.smtp',
  'outbound.dkim',
  'integrations.external_calls',
  'integrations.message_channels',
  'integrations.chat_destinations',
  'integrations.notice_language',
  'access.restriction',
  'access.lockPolicy',
] as const;
export type SettingArea = (typeof settingAreas)[number];

export interface NoticeCatalogue {
  readonly mailbox: (mailboxNumber: number) => string;
  /** Human label of each setting area, in the product manual's terms. */
  readonly settingAreas: { readonly [A in SettingArea]: string };
  readonly kinds: { readonly [K in Kind]: (facts: NoticeFacts[K]) => KindTexts };
}

/** What the outbox stores: the e-mail and the chat rendering of one notice in one language. */
export interface RenderedNotice {
  readonly language: NoticeLanguage;
  readonly email: { readonly subject: string; readonly text: string };
  readonly chat: { readonly title: string; readonly text: string };
}

export const PRODUCT_TAG = '[Mailroom]';

export const mebibytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The label of a setting area in one catalogue; an unlabelled area is shown by its section name. */
export const settingAreaLabel = (catalogue: NoticeCatalogue, area: string): string =>
  (catalogue.settingAreas as Readonly<Record<string, string>>)[area] ?? area;
