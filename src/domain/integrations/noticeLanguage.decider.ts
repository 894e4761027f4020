import type { DomainEvent } from '../shared/decider.js';
import { requireOneOf, requirePositiveInteger } from '../identity/validation.js';
import type { MailboxSettingsWiped } from '../shared/mailboxReset.js';
import { assertNever, type Command, type Decider } from '../shared/decider.js';

/**
 * Language of a mailbox's notices (通知の言語): the e-mail notices and chat messages about
 * the mailbox (receive errors, account locks, reset, test messages) are written in it.
 * Stream `notice-language-<mailboxNumber>` (not `mailbox-…`: that prefix is the identity
 * mailbox stream's in the audit).
 *
 * Rules:
 * - Japanese (`ja`) or English (`en`). A mailbox that never chose one speaks the
 *   deployment's default (MAILROOM_NOTICE_LANGUAGE), so the state remembers "unset".
 * - Choosing the language already chosen appends nothing; choosing the deployment default
 *   explicitly is a change (it pins the mailbox against a later change of the default).
 * - A mailbox reset forgets the choice.
 */

export const NoticeLanguage = { ja: 'ja', en: 'en' } as const;
export type NoticeLanguage = (typeof NoticeLanguage)[keyof typeof NoticeLanguage];
export const noticeLanguages: readonly NoticeLanguage[] = Object.values(NoticeLanguage);

export const noticeLanguageStreamId = (mailboxNumber: number): string => `notice-language-${mailboxNumber}`;

export type SetNoticeLanguage = Command<'SetNoticeLanguage', { readonly mailboxNumber: number; readonly language: NoticeLanguage }>;
export type NoticeLanguageCommand = SetNoticeLanguage;

export type NoticeLanguageSet = DomainEvent<
  'NoticeLanguageSet',
  {
    readonly mailboxNumber: number;
    readonly language: NoticeLanguage;
    /** Null when the mailbox spoke the deployment default until now. */
    readonly previous: NoticeLanguage | null;
  }
>;
export type NoticeLanguageEvent = NoticeLanguageSet | MailboxSettingsWiped;
export const noticeLanguageEventTypes = ['NoticeLanguageSet', 'MailboxSettingsWiped'] as const satisfies readonly NoticeLanguageEvent['type'][];

export interface NoticeLanguageState {
  /** Null: never chosen (or forgotten by a reset); the deployment default applies. */
  readonly language: NoticeLanguage | null;
}

export const initialNoticeLanguageState = (): NoticeLanguageState => ({ language: null });

export const decideNoticeLanguage = (command: NoticeLanguageCommand, state: NoticeLanguageState): readonly NoticeLanguageEvent[] => {
  switch (command.type) {
    case 'SetNoticeLanguage': {
      const mailboxNumber = requirePositiveInteger(['mailboxNumber'], command.data.mailboxNumber);
      const language = requireOneOf(['language'], command.data.language, noticeLanguages);
      if (language === state.language) return [];
      return [{ type: 'NoticeLanguageSet', data: { mailboxNumber, language, previous: state.language } }];
    }
    default:
      return assertNever(command.type);
  }
};

export const evolveNoticeLanguage = (state: NoticeLanguageState, event: NoticeLanguageEvent): NoticeLanguageState => {
  switch (event.type) {
    case 'NoticeLanguageSet':
      return { language: event.data.language };
    case 'MailboxSettingsWiped':
      return initialNoticeLanguageState();
    default:
      return assertNever(event);
  }
};

export const noticeLanguageDecider: Decider<NoticeLanguageState, NoticeLanguageCommand, NoticeLanguageEvent> = {
  decide: decideNoticeLanguage,
  evolve: evolveNoticeLanguage,
  initialState: initialNoticeLanguageState,
};

/** The language notices of a mailbox are written in: its own choice, else the deployment's. */
export const effectiveNoticeLanguage = (state: NoticeLanguageState, deploymentDefault: NoticeLanguage): NoticeLanguage => state.language ?? deploymentDefault;
