import type { DomainEvent } from './decider.js';

/**
 * Technical marker that a mailbox reset appends to every settings stream of the mailbox
 * (`smtp-<No>`, `dkim-<No>`, `oauth-credential-<id>`, …) right after `MailboxReset`.
 * Events are never deleted, so without it a decider replaying its stream would still see
 * the wiped settings; every area decider's `evolve` maps it to the initial state instead.
 * The audit's "as of" replays the same `evolve`, so it shows the old configuration before
 * `resetPosition` and an empty one after, with no special case.
 */
export type MailboxSettingsWiped = DomainEvent<
  'MailboxSettingsWiped',
  {
    readonly mailboxNumber: number;
    /** Global position of the `MailboxReset` event this marker belongs to. */
    readonly resetPosition: number;
  }
>;

export const MAILBOX_SETTINGS_WIPED = 'MailboxSettingsWiped' as const;
