import { mailboxNumberOf } from '../../domain/shared/scope.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import { sectionOfStream, type ConfigurationSection } from './sections.js';

/**
 * Events of a settings stream that are no one's setting change: a reset's wipe markers and
 * the reset itself (the MAILBOX_RESET notice tells of them, once rather than per area), and
 * the system marking an OAuth credential "reauthorization required" (its own notice).
 */
const notSettingChanges: ReadonlySet<string> = new Set(['MailboxSettingsWiped', 'MailboxReset', 'OAuthReauthorizationRequired']);

export interface SettingChange {
  readonly mailboxNumber: number;
  /** The configuration section (its name is the area of `settingsHistory`). */
  readonly section: ConfigurationSection;
}

/**
 * Whether an event changes a setting of a mailbox, by the audit's own classification: it
 * belongs to a mailbox and to a stream of a registered configuration section (what
 * `settingsHistory` and `configurationAsOf` replay). Login-attempt counters, fetch runs,
 * receive errors and notice bookkeeping have no section, so they never count.
 */
export const settingChangeOf = (event: RecordedEvent, sections: readonly ConfigurationSection[]): SettingChange | null => {
  if (notSettingChanges.has(event.type)) return null;
  const mailboxNumber = mailboxNumberOf(event);
  if (mailboxNumber === null) return null;
  const section = sectionOfStream(sections, event.streamId);
  return section ? { mailboxNumber, section } : null;
};
