import type { Session } from './api.js';
import type { Language, Translate } from './i18n.js';

/** What the server tells the page through `<meta name="mailroom-console">` (no inline script). */
export interface ConsoleSettings {
  readonly explorer: boolean;
}

export interface MailboxRef {
  readonly number: number;
  readonly name: string;
  readonly address: string;
}

/** What every page gets from the shell. */
export interface PageProps {
  readonly session: Session;
  /** The mailbox picked in the header; null when the user sees none. */
  readonly mailbox: MailboxRef | null;
  readonly mailboxes: readonly MailboxRef[];
  readonly language: Language;
  readonly t: Translate;
  readonly settings: ConsoleSettings;
}
