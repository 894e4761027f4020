import { randomBytes, randomUUID } from 'node:crypto';
import { connectionFingerprint, type SmtpConnection, type TestMailReceipt } from '../../domain/outbound/smtpVerification.js';
import { validationError } from '../../domain/shared/errors.js';
import type { SecretDecrypter } from '../../mail/smtp/outboundSender.js';
import { mailboxScope } from '../../secrets/vault.js';
import type { SecretEncrypter } from './outboundCommands.js';

/** Marks a receipt, so no other vault ciphertext (a password's) is ever taken for one. */
const RECEIPT_PREFIX = 'tmr1.';
const PLAINTEXT_TAG = 'mailroom-test-mail-receipt/1\n';

/**
 * Receipts of sent test mail: the claims (mailbox, target, Message-ID, To, time, salted
 * fingerprint of the connection tested) sealed with the mailbox's data key (AES-256-GCM,
 * src/secrets/vault.ts). Nothing is stored: the caller holds the receipt and hands it back
 * to confirm. Only Mailroom can make one (the GCM tag), it opens only for its own mailbox
 * (the scope is authenticated data), and a mailbox reset (crypto-shredding) voids it. The
 * fingerprint is a salted hash inside the sealed text, so a receipt of unsaved settings
 * keeps no password, not even readable in hashed form without the data key.
 */
export class TestMailReceipts {
  constructor(private readonly vault: SecretEncrypter & SecretDecrypter) {}

  async issue(claims: Omit<TestMailReceipt, 'salt' | 'fingerprint'>, connection: SmtpConnection): Promise<string> {
    const salt = randomBytes(16).toString('base64url');
    const receipt: TestMailReceipt = { ...claims, salt, fingerprint: connectionFingerprint(salt, connection) };
    return RECEIPT_PREFIX + (await this.vault.encrypt(mailboxScope(claims.mailboxNumber), PLAINTEXT_TAG + JSON.stringify(receipt)));
  }

  /** The receipt's claims; VALIDATION at `testMailReceipt` for anything Mailroom did not issue to this mailbox. */
  async open(mailboxNumber: number, sealed: unknown): Promise<TestMailReceipt> {
    const refused = () =>
      validationError(['testMailReceipt'], `Expected the testMailReceipt a test mail of mailbox No. ${mailboxNumber} returned, got something else (value not shown)`);
    if (typeof sealed !== 'string' || !sealed.startsWith(RECEIPT_PREFIX) || sealed.length > 8192) throw refused();
    let plaintext: string;
    try {
      plaintext = await this.vault.decrypt(mailboxScope(mailboxNumber), sealed.slice(RECEIPT_PREFIX.length));
    } catch {
      throw refused();
    }
    if (!plaintext.startsWith(PLAINTEXT_TAG)) throw refused();
    const receipt = JSON.parse(plaintext.slice(PLAINTEXT_TAG.length)) as TestMailReceipt;
    if (receipt.mailboxNumber !== mailboxNumber) throw refused();
    return receipt;
  }
}

/**
 * Secrets of settings being tried, never stored: `encrypt` hands out a stand-in
 * ciphertext (valid in form, unknown to the vault) and remembers the plaintext for this
 * one test; `decrypt` answers stand-ins and passes real ciphertext (a stored password
 * kept) on to the vault. Dropped with the request.
 */
export class TransientSecrets implements SecretEncrypter, SecretDecrypter {
  private readonly plaintexts = new Map<string, string>();

  constructor(private readonly vault: SecretDecrypter) {}

  async encrypt(_scope: string, plaintext: string): Promise<string> {
    const standIn = `v1.${randomUUID()}.transient.secret.`;
    this.plaintexts.set(standIn, plaintext);
    return standIn;
  }

  async decrypt(scope: string, ciphertext: string): Promise<string> {
    return this.plaintexts.get(ciphertext) ?? this.vault.decrypt(scope, ciphertext);
  }

  /** For the fingerprint of unsaved settings: the plaintext behind a stand-in; a stored ciphertext as it is. */
  reveal(ciphertext: string): string {
    return this.plaintexts.get(ciphertext) ?? ciphertext;
  }
}
