import { validationError } from '../../domain/shared/errors.js';
import type { SecretVault } from '../../secrets/vault.js';

/**
 * The confirmation token between `requestMailboxReset` and `executeMailboxReset`:
 * self-contained and sealed by the vault (AES-GCM, confidential and tamper-proof), so
 * nothing is stored between the two steps. It is sealed under a scope of its own, not the
 * mailbox's: the reset shreds the mailbox's key, and a resumed reset must still open it.
 * The scope is authenticated, so a token cannot be replayed into another mailbox.
 */

export const RESET_TOKEN_TTL_MS = 10 * 60_000;

export const resetTokenScope = (mailboxNumber: number): string => `mailbox-reset:${mailboxNumber}`;

export interface ResetTokenPayload {
  /** Becomes `MailboxReset.data.resetId`: executing the same token twice resumes, never resets twice. */
  readonly resetId: string;
  readonly mailboxNumber: number;
  /** Only the user who requested the reset may execute it. */
  readonly userId: string | null;
  readonly expiresAt: number;
}

export const sealResetToken = async (vault: SecretVault, payload: ResetTokenPayload): Promise<string> =>
  `${payload.mailboxNumber}~${await vault.encrypt(resetTokenScope(payload.mailboxNumber), JSON.stringify(payload))}`;

const invalid = (why: string) => validationError(['input', 'token'], `Expected the confirmation token returned by requestMailboxReset, ${why}`);

export const openResetToken = async (
  vault: SecretVault,
  token: string,
  expected: { readonly userId: string | null; readonly now: Date },
): Promise<ResetTokenPayload> => {
  const m = /^(\d{1,9})~(v1\..+)$/.exec(typeof token === 'string' ? token : '');
  if (!m) throw invalid('got something else');
  const mailboxNumber = Number(m[1]);
  let payload: ResetTokenPayload;
  try {
    payload = JSON.parse(await vault.decrypt(resetTokenScope(mailboxNumber), m[2]!)) as ResetTokenPayload;
  } catch {
    throw invalid('got something else');
  }
  if (payload.mailboxNumber !== mailboxNumber) throw invalid('got something else');
  if (payload.userId !== expected.userId) throw invalid('got one issued to another user');
  if (payload.expiresAt <= expected.now.getTime()) {
    throw invalid(`got one that expired at ${new Date(payload.expiresAt).toISOString()}; request the reset again`);
  }
  return payload;
};
