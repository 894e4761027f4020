import type { EgressPolicy } from '../../net/egress.js';
import type { ConnectionOptions } from 'node:tls';
import type { MessageStore, SourceKey } from '../messageStore/messageStore.js';
import type { FetchError } from './fetchError.js';
import type { FetchStateStore } from './fetchStateStore.js';

export type FetchProtocol = 'POP3' | 'APOP' | 'IMAP';
/** The only three the product supports (manual: POP over SSL / IMAP over SSL / STARTTLS). */
export type FetchEncryption = 'NONE' | 'SSL_TLS' | 'STARTTLS';

export type FetchAuth =
  | { readonly kind: 'password'; readonly user: string; readonly password: string }
  /** SASL XOAUTH2 with an access token the OAuth side refreshed beforehand. */
  | { readonly kind: 'oauth2'; readonly user: string; readonly accessToken: string };

export interface FetchTlsOptions {
  /** Extra trusted CA certificates (PEM), e.g. a test server's self-signed certificate. */
  readonly ca?: ConnectionOptions['ca'];
  /** @default true */
  readonly rejectUnauthorized?: boolean;
  /** SNI and certificate name; @default the host (not sent for IP addresses). */
  readonly servername?: string;
}

export interface FetchTimeouts {
  /** TCP connect plus TLS handshake. @default 30000 */
  readonly connectMs?: number;
  /** Waiting for the server greeting. @default 30000 */
  readonly greetingMs?: number;
  /** No byte from the server for this long while waiting for an answer. @default 60000 */
  readonly idleMs?: number;
}

export interface FetchAccountConfig {
  readonly accountId: string;
  readonly mailboxNumber: number;
  readonly protocol: FetchProtocol;
  readonly host: string;
  readonly port: number;
  readonly encryption: FetchEncryption;
  readonly auth: FetchAuth;
  /** POP3/APOP: keep messages on the server and remember their UIDLs. Ignored for IMAP. */
  readonly leaveOnServer: boolean;
  /**
   * POP3/APOP with leaveOnServer only (the settings rule rejects other combinations; here
   * it is simply ignored for them): a message under a new UIDL that is the same mail as one
   * this account already imported is not imported again. See MessageStore.findSameMail.
   */
  readonly deleteDuplicates: boolean;
  readonly tls?: FetchTlsOptions;
  readonly timeouts?: FetchTimeouts;
}

export interface FetchLimits {
  /**
   * Largest message imported, in octets as the server counts them (RFC822.SIZE, POP3
   * LIST). The manual's "最大25MB" taken as 25 MiB; a message of exactly this size is
   * imported, one octet more is skipped ("25MB を超えるメール").
   * @default 26214400
   */
  readonly maxMessageBytes: number;
  /** POP3/APOP: a STAT count at or above this refuses the run (OVER_LIMIT). @default 1500000 */
  readonly maxServerMessages: number;
  /**
   * Group commit: downloaded messages are held until this many octets are collected, then
   * stored in one transaction, and only then marked on the server (\Seen, DELE, UIDL
   * record). POP3 with PIPELINING also sends RETRs ahead up to this many announced octets;
   * what the server sends ahead waits in the socket buffers (the POP3 client pauses its
   * socket at 64 KiB unread, imapflow reads one FETCH answer at a time). A message larger
   * than this is a group of its own. A run therefore holds at most one group plus the
   * message being downloaded: ≤ storeGroupBytes + maxMessageBytes (26 MiB with the
   * defaults), never two large messages.
   * @default 1048576
   */
  readonly storeGroupBytes: number;
  /** Group commit: at most this many messages per store transaction. @default 64 */
  readonly storeGroupMessages: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  maxMessageBytes: 25 * 1024 * 1024,
  maxServerMessages: 1_500_000,
  storeGroupBytes: 1024 * 1024,
  storeGroupMessages: 64,
};

/** Test hooks: throw from one to simulate a crash at that point. */
export interface FetchFaults {
  /**
   * After a message is committed to the store, before \Seen / DELE / the UIDL record.
   * Called once per message, in server order, after the whole group it belongs to
   * committed (see FetchLimits.storeGroupBytes): throwing here is a crash between a group
   * commit and the server-side marks of that group.
   */
  readonly afterStore?: (sourceKey: SourceKey) => void | Promise<void>;
}

export interface FetchDeps {
  readonly store: MessageStore;
  readonly state: FetchStateStore;
  /** Import time of the messages (their received date). */
  readonly now: () => Date;
  /** Abort stops the run at the next message boundary and closes the connection. */
  readonly signal?: AbortSignal;
  readonly limits?: Partial<FetchLimits>;
  readonly faults?: FetchFaults;
  /** Where servers may be (src/net/egress.ts). @default nothing allowed */
  readonly egress?: EgressPolicy;
}

export interface SkippedMessage {
  readonly sourceKey: SourceKey;
  /** IMAP UID, or POP3 UIDL. */
  readonly serverId: string;
  /** Octets as the server reported them. */
  readonly size: number;
}

export interface DuplicateMessage {
  readonly sourceKey: SourceKey;
  readonly serverId: string;
  /** Id of the stored message it duplicates. */
  readonly duplicateOf: string;
}

export interface FetchReport {
  readonly accountId: string;
  readonly mailboxNumber: number;
  readonly protocol: FetchProtocol;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  /** null: the run completed. Otherwise why it stopped; what came before it still counts. */
  readonly error: FetchError | null;
  /** Messages stored by this run. */
  readonly imported: number;
  readonly importedBytes: number;
  /** Ids of the stored messages, in server order. */
  readonly importedIds: readonly string[];
  /**
   * Messages above the limit seen for the first time (not downloaded, left unseen / on the
   * server). Each is reported once: the caller turns these into notices.
   */
  readonly skippedTooLarge: readonly SkippedMessage[];
  /** Too-large messages reported by an earlier run and still on the server. */
  readonly tooLargeStillOnServer: number;
  /** POP3/APOP delete-duplicates: same mail under a new UIDL, not imported. */
  readonly duplicatesDeleted: readonly DuplicateMessage[];
  /** Already stored by an earlier, interrupted run: only \Seen / DELE / the UIDL record was redone. */
  readonly recovered: number;
  /** POP3/APOP without leave-on-server: DELE sent and committed by QUIT. */
  readonly deletedOnServer: number;
  /** Messages in the INBOX (IMAP EXISTS) or maildrop (POP3 STAT) at the start. */
  readonly serverMessages: number;
  /** IMAP: the INBOX's UIDVALIDITY changed since the last run (see imapFetcher.ts for what follows). */
  readonly uidValidityChanged: { readonly from: string; readonly to: string } | null;
  /** Bytes received from the server (protocol included). */
  readonly bytesRead: number;
}
