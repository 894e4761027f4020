/**
 * The message store: imported mail (metadata + raw RFC 5322 bytes) per mailbox. It is
 * operational data, not a projection: nothing in it derives from events, so it is listed
 * in no projection's `tables` and a projection rebuild never touches it.
 *
 * Idempotent by (accountId, sourceKey): the fetchers store first and only then set \Seen
 * or DELE, so a crash in between makes the next run store the same message again — and
 * that second insert is a no-op.
 */

/** Where a message came from on its server; unique per account. */
export type SourceKey = string;

/** IMAP: UIDs are only meaningful together with the mailbox's UIDVALIDITY (RFC 9051 §2.3.1.1). */
export const imapSourceKey = (uidValidity: string, uid: number): SourceKey => `imap:${uidValidity}:${uid}`;
/** POP3/APOP: the server's unique-id listing (RFC 1939 UIDL), stable across sessions. */
export const pop3SourceKey = (uidl: string): SourceKey => `uidl:${uidl}`;

export interface NewMessage {
  readonly mailboxNumber: number;
  readonly accountId: string;
  readonly sourceKey: SourceKey;
  /** The Message-ID header as sent (angle brackets included), or null when absent. */
  readonly messageId: string | null;
  /** Subject, RFC 2047 encoded words decoded. */
  readonly subject: string | null;
  /** From header, RFC 2047 encoded words decoded. */
  readonly from: string | null;
  /** The original Date header text, unparsed: the product shows the import time as "received". */
  readonly dateHeader: string | null;
  /** Import time: the product's "received date" (manual: 受信日時 = 取り込まれた日時). */
  readonly receivedAt: Date;
  readonly size: number;
  /** Hex sha256 of `raw`. */
  readonly sha256: string;
  readonly raw: Uint8Array;
}

export interface StoredMessage {
  readonly id: string;
  readonly mailboxNumber: number;
  readonly accountId: string;
  readonly sourceKey: SourceKey;
  readonly messageId: string | null;
  readonly subject: string | null;
  readonly from: string | null;
  readonly dateHeader: string | null;
  readonly receivedAt: string;
  readonly size: number;
  readonly sha256: string;
}

export interface InsertResult {
  readonly id: string;
  /** false: the (accountId, sourceKey) was already stored; nothing changed. */
  readonly inserted: boolean;
}

/** What makes two messages "the same mail" for one account (see findSameMail). */
export interface SameMailProbe {
  readonly sha256: string;
  readonly messageId: string | null;
  readonly dateHeader: string | null;
  /** Only consider messages stored under a source key other than this one. */
  readonly excludeSourceKey: SourceKey;
  /** Only compare raw bytes, not Message-ID + Date (IMAP after a UIDVALIDITY change). */
  readonly bytesOnly?: boolean;
  /** Only consider source keys starting with this prefix, e.g. `imap:` (IMAP re-numbered its UIDs). */
  readonly sourceKeyPrefix?: string;
}

export interface ListMessagesOptions {
  /** @default 50 */
  readonly limit?: number;
  /** Keyset pagination: messages received before this one (id of the last row of the previous page). */
  readonly beforeId?: string;
}

export interface MessageStore {
  has(accountId: string, sourceKey: SourceKey): Promise<boolean>;
  /** Which of `sourceKeys` this account already stored (one query per few hundred keys). */
  storedSourceKeys(accountId: string, sourceKeys: readonly SourceKey[]): Promise<Set<SourceKey>>;
  /** Idempotent per (accountId, sourceKey); metadata and bytes commit together. */
  insert(message: NewMessage): Promise<InsertResult>;
  /**
   * Several messages in one transaction (group commit): all of them are stored or none.
   * Idempotent per message like insert; results in the order of `messages`. The fetchers
   * mark a group on the server (\Seen, DELE, UIDL record) only after this resolved.
   */
  insertMany(messages: readonly NewMessage[]): Promise<InsertResult[]>;
  /**
   * A message of this account that is "the same mail": identical raw bytes, or (unless
   * `bytesOnly`) the same non-empty Message-ID AND the same Date header. Message-ID alone
   * is not enough: some senders reuse one Message-ID for different mails; a re-delivered
   * copy of one mail keeps both headers.
   */
  findSameMail(accountId: string, probe: SameMailProbe): Promise<StoredMessage | undefined>;
  get(id: string): Promise<StoredMessage | undefined>;
  readRaw(id: string): Promise<Uint8Array | undefined>;
  /** Newest import first. */
  list(mailboxNumber: number, options?: ListMessagesOptions): Promise<StoredMessage[]>;
  count(mailboxNumber: number): Promise<number>;
  /** Mailbox reset: removes every message of the mailbox; returns how many. */
  deleteMailbox(mailboxNumber: number): Promise<number>;
}
