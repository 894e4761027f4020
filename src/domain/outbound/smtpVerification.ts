import { createHash } from 'node:crypto';
import { illegalState, validationError } from '../shared/errors.js';

/**
 * The confirmation step of テストメールを送信する: after a test mail, the administrator says
 * it arrived (「はい」) and the server is recorded as verified. The proof that a test was
 * sent is a receipt (src/app/outbound/testMailReceipts.ts seals it, so only Mailroom can have
 * issued it); these are the pure parts the SMTP settings decider rules with.
 *
 * What a verification vouches for is the connection: host, port, encryption and
 * authentication (user, method, password or OAuth credential). A server's name, the
 * routing rules or the Rakuten addresses are not part of it, so changing those keeps the
 * verification; any change of the connection lapses it.
 */

/** How long a receipt may be confirmed after its test mail: long enough to look in a mailbox. */
export const TEST_MAIL_RECEIPT_VALIDITY_MS = 24 * 60 * 60_000;

/** What a test mail went through: a saved server (its id, or `rakuten-relay`), or settings not yet saved. */
export type TestMailTarget =
  | { readonly kind: 'SAVED'; readonly serverId: string }
  | { readonly kind: 'UNSAVED'; readonly serverKind: 'EXTERNAL' | 'RAKUTEN_RELAY' };

/** An opened, authentic receipt: Mailroom sent this test mail. */
export interface TestMailReceipt {
  readonly mailboxNumber: number;
  readonly target: TestMailTarget;
  /** The Message-ID of the test mail, e.g. `<uuid@example.com>`. */
  readonly testMailId: string;
  readonly to: string;
  /** ISO time the server accepted the test mail. */
  readonly testedAt: string;
  /** Random per receipt, so equal settings never give equal fingerprints across receipts. */
  readonly salt: string;
  /** connectionFingerprint(salt, the connection tested). */
  readonly fingerprint: string;
}

/** The recorded confirmation, as state and read models hold it. */
export interface ServerVerification {
  readonly testMailId: string;
  readonly to: string;
  readonly testedAt: string;
  readonly verifiedAt: string;
  /** User id of who confirmed, null for the system. */
  readonly verifiedBy: string | null;
}

/** The connection part of a server or relay: everything but its name and id. */
export interface SmtpConnection {
  readonly host: string;
  readonly port: number;
  readonly encryption: string;
  readonly auth: object;
}

export const connectionOf = (server: SmtpConnection): SmtpConnection => ({ host: server.host, port: server.port, encryption: server.encryption, auth: server.auth });

/** JSON with sorted keys, so two equal connections always read the same. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
};

export const sameConnection = (a: SmtpConnection | null | undefined, b: SmtpConnection | null | undefined): boolean =>
  a !== null && a !== undefined && b !== null && b !== undefined && canonical(connectionOf(a)) === canonical(connectionOf(b));

/**
 * A salted SHA-256 of the connection. For a saved server it covers the stored password
 * ciphertext (a new password, even the same one again, is a new connection); for unsaved
 * settings the service puts the plaintext in, which never leaves the sealed receipt.
 */
export const connectionFingerprint = (salt: string, connection: SmtpConnection): string =>
  createHash('sha256').update(salt).update('\n').update(canonical(connectionOf(connection))).digest('base64url');

const describeTarget = (target: TestMailTarget): string =>
  target.kind === 'SAVED' ? `server ${JSON.stringify(target.serverId)}` : target.serverKind === 'EXTERNAL' ? 'unsaved SMTP server settings' : 'unsaved Rakuten relay settings';

/** Mailbox, target and age of a receipt; the fingerprint is compared by the caller. */
export const requireReceiptFor = (receipt: TestMailReceipt, mailboxNumber: number, expected: TestMailTarget, now: Date): TestMailReceipt => {
  const path = ['testMailReceipt'];
  if (receipt.mailboxNumber !== mailboxNumber) {
    throw validationError(path, `Expected a receipt of a test mail of mailbox No. ${mailboxNumber}, got one of mailbox No. ${receipt.mailboxNumber}`);
  }
  const sameTarget =
    receipt.target.kind === expected.kind &&
    (receipt.target.kind === 'SAVED' ? receipt.target.serverId === (expected as { serverId: string }).serverId : receipt.target.serverKind === (expected as { serverKind: string }).serverKind);
  if (!sameTarget) {
    throw illegalState(`This receipt is for a test mail through ${describeTarget(receipt.target)}, not through ${describeTarget(expected)}; send a test mail through it first`, path);
  }
  const age = now.getTime() - Date.parse(receipt.testedAt);
  if (!(age <= TEST_MAIL_RECEIPT_VALIDITY_MS)) {
    throw illegalState(`The test mail of this receipt was sent at ${receipt.testedAt}, more than 24 hours ago; send a new test mail`, path);
  }
  return receipt;
};

export const verificationOf = (receipt: TestMailReceipt, now: Date, actorId: string | null): ServerVerification => ({
  testMailId: receipt.testMailId,
  to: receipt.to,
  testedAt: receipt.testedAt,
  verifiedAt: now.toISOString(),
  verifiedBy: actorId,
});
