/**
 * Message store and fetch-state tables (migrations/0005_messages.ts). Operational data,
 * not projections: nothing here is derived from events, so no projection lists these
 * tables and a rebuild never touches them.
 */

export interface MessagesTable {
  id: string;
  mailbox_number: number;
  account_id: string;
  /** `imap:<uidvalidity>:<uid>` or `uidl:<uidl>`; unique per account. */
  source_key: string;
  /** Message-ID header as sent, or null. */
  message_id: string | null;
  subject: string | null;
  from_header: string | null;
  /** The original Date header text. */
  date_header: string | null;
  /** Import time (ISO-8601): the product's received date. */
  received_at: string;
  size: number;
  sha256: string;
}

/** Raw RFC 5322 bytes, one row per message, kept apart so listings never read them. */
export interface MessageRawTable {
  id: string;
  raw: Uint8Array;
}

/** Last UIDVALIDITY seen per IMAP account. */
export interface FetchCursorsTable {
  account_id: string;
  uid_validity: string;
  updated_at: string;
}

/** Server messages an account has already dealt with (POP3 UIDLs; IMAP too-large UIDs). */
export interface FetchSeenSourcesTable {
  account_id: string;
  source_key: string;
  /** IMPORTED | TOO_LARGE | DUPLICATE */
  disposition: string;
  size: number;
  recorded_at: string;
}

export interface MessageTables {
  messages: MessagesTable;
  message_raw: MessageRawTable;
  fetch_cursors: FetchCursorsTable;
  fetch_seen_sources: FetchSeenSourcesTable;
}
