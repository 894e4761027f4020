import type { Transaction } from 'kysely';
import type { ReadModelDb } from '../../db/schema.js';
import { MAILBOX_SETTINGS_WIPED, type MailboxSettingsWiped } from '../../domain/shared/mailboxReset.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import { eventAs } from '../../eventstore/eventAs.js';

/** Read-model tables keyed by mailbox, the ones a mailbox reset may empty. */
export type MailboxScopedTable = {
  [K in keyof ReadModelDb]: ReadModelDb[K] extends { mailbox_number: number } ? K : never;
}[keyof ReadModelDb] &
  string;

export const deleteMailboxRows = async (
  trx: Transaction<ReadModelDb>,
  tables: readonly MailboxScopedTable[],
  mailboxNumber: number,
): Promise<void> => {
  // Children before parents, as rebuilds empty them (see Projection.tables).
  for (const table of [...tables].reverse()) {
    await trx
      .deleteFrom(table as 'external_calls')
      .where('mailbox_number', '=', mailboxNumber)
      .execute();
  }
};

/**
 * Handles the reset marker (src/domain/shared/mailboxReset.ts) for an area projection:
 * true when `recorded` is a marker (the caller is done with it). The rows go only when the
 * marker sits on one of the area's own streams, the same moment its decider forgets the
 * settings, so the read model and the decider never disagree, even when settings were
 * added again between the `MailboxReset` and a resumed marker on another stream.
 */
export const appliedMailboxWipe = async (
  trx: Transaction<ReadModelDb>,
  recorded: RecordedEvent,
  streamPrefix: string,
  tables: readonly MailboxScopedTable[],
): Promise<boolean> => {
  if (recorded.type !== MAILBOX_SETTINGS_WIPED) return false;
  if (recorded.streamId.startsWith(streamPrefix)) {
    await deleteMailboxRows(trx, tables, eventAs<MailboxSettingsWiped>(recorded).data.mailboxNumber);
  }
  return true;
};
