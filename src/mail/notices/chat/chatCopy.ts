import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../../../db/schema.js';
import type { ChatDestination, ChatKind } from '../../../domain/integrations/chatDestinations.decider.js';
import { mailboxScope, SecretShreddedError, type SecretVault } from '../../../secrets/vault.js';
import { chatRowKey } from '../notice.js';

/**
 * A mailbox reset wipes the mailbox's chat destinations and shreds the key their webhook URLs
 * and tokens are encrypted with, yet its own notice is to reach the destinations subscribed
 * to MAILBOX_RESET. So before the shred each of their chat rows gets its own copy of the
 * destination, credential included, sealed under a scope of its own (`notice:<row key>`)
 * that the reset does not touch; the chat transport posts from the copy, and destroys its
 * scope once the row is settled (sent or given up), so no copy outlives its use.
 *
 * The scope is named after the row's idempotency key rather than its id: the key is known
 * before the row is written, so a resumed reset that seals again reuses the same data key
 * instead of leaving one behind.
 */
export interface ChatCopy {
  readonly kind: ChatKind;
  readonly name: string;
  readonly roomId: string | null;
  /** Webhook URL (Slack, Teams) or API token (Chatwork), in plaintext only inside the sealed copy. */
  readonly credential: string;
}

export const chatCopyScope = (rowKey: string): string => `notice:${rowKey}`;

/**
 * Sealed copies of the destinations for the chat rows of notice `noticeKey`, to be recorded
 * with it (`Notice.chatCopies`). Left out:
 * - destinations whose row was recorded already (a resumed reset): sealing again would create
 *   a key for a copy nobody stores, or revive the scope of a row already sent;
 * - destinations whose credential is already shredded (a reset interrupted between the shred
 *   and the recording): there is nothing left to copy, and a copy scope the interrupted run
 *   may have created is destroyed.
 */
export const sealChatCopies = async (
  deps: { readonly db: Kysely<ReadModelDb>; readonly vault: SecretVault },
  mailboxNumber: number,
  noticeKey: string,
  destinations: readonly (readonly [string, ChatDestination])[],
): Promise<{ destinationId: string; copy: string }[]> => {
  if (destinations.length === 0) return [];
  const keys = destinations.map(([id]) => chatRowKey(noticeKey, id));
  const recorded = new Set((await deps.db.selectFrom('notice_outbox').select('idempotency_key').where('idempotency_key', 'in', keys).execute()).map((r) => r.idempotency_key));
  const copies: { destinationId: string; copy: string }[] = [];
  for (const [destinationId, d] of destinations) {
    const rowKey = chatRowKey(noticeKey, destinationId);
    if (recorded.has(rowKey)) continue;
    let credential: string;
    try {
      credential = await deps.vault.decrypt(mailboxScope(mailboxNumber), d.credentialCiphertext);
    } catch (err) {
      if (!(err instanceof SecretShreddedError)) throw err;
      await deps.vault.destroyScope(chatCopyScope(rowKey));
      continue;
    }
    const copy: ChatCopy = { kind: d.kind, name: d.name, roomId: d.roomId, credential };
    copies.push({ destinationId, copy: await deps.vault.encrypt(chatCopyScope(rowKey), JSON.stringify(copy)) });
  }
  return copies;
};

/** Throws SecretShreddedError once the copy was destroyed. */
export const openChatCopy = async (vault: SecretVault, rowKey: string, sealed: string): Promise<ChatCopy> =>
  JSON.parse(await vault.decrypt(chatCopyScope(rowKey), sealed)) as ChatCopy;

export const destroyChatCopy = async (vault: SecretVault, rowKey: string): Promise<void> => {
  await vault.destroyScope(chatCopyScope(rowKey));
};
