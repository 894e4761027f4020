import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  hashRecoveryCode,
  hotp,
  matchTotp,
  otpauthUri,
  totpAt,
} from '../../../src/domain/identity/totp.js';
import { twoFactorDecider } from '../../../src/domain/identity/twoFactor.decider.js';
import { FIXED_NOW, given, testMetadata } from '../../support/given.js';

// RFC 6238 Appendix B uses the ASCII secret "12345678901234567890" for SHA-1.
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('TOTP (RFC 6238 / RFC 4226)', () => {
  it('matches the RFC 4226 Appendix D HOTP values', () => {
    expect([0, 1, 2, 3, 9].map((c) => hotp(RFC_SECRET, c))).toEqual(['755224', '287082', '359152', '969429', '520489']);
  });

  it('matches the RFC 6238 Appendix B SHA-1 vectors (last 6 digits)', () => {
    expect(totpAt(RFC_SECRET, 59_000)).toBe('287082');
    expect(totpAt(RFC_SECRET, 1_111_111_109_000)).toBe('081804');
    expect(totpAt(RFC_SECRET, 1_234_567_890_000)).toBe('005924');
    expect(totpAt(RFC_SECRET, 20_000_000_000_000)).toBe('353130');
  });

  it('base32 round-trips and reads what apps show (spaces, lower case)', () => {
    const encoded = base32Encode(RFC_SECRET);
    expect(encoded).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(encoded.toLowerCase().replace(/(.{4})/g, '$1 '))!.equals(RFC_SECRET)).toBe(true);
    expect(base32Decode('not*base32')).toBeNull();
  });

  it('accepts one step of clock skew either way, not two', () => {
    const now = 1_111_111_109_000;
    const step = Math.floor(now / 30_000);
    for (const offset of [-1, 0, 1]) expect(matchTotp(RFC_SECRET, hotp(RFC_SECRET, step + offset), now, null)).toBe(step + offset);
    for (const offset of [-2, 2]) expect(matchTotp(RFC_SECRET, hotp(RFC_SECRET, step + offset), now, null)).toBeNull();
  });

  it('refuses a code of a step already used, or older', () => {
    const now = 1_111_111_109_000;
    const step = Math.floor(now / 30_000);
    expect(matchTotp(RFC_SECRET, hotp(RFC_SECRET, step), now, step)).toBeNull();
    expect(matchTotp(RFC_SECRET, hotp(RFC_SECRET, step - 1), now, step - 1)).toBeNull();
    expect(matchTotp(RFC_SECRET, hotp(RFC_SECRET, step + 1), now, step)).toBe(step + 1);
  });

  it('refuses codes that are not 6 digits', () => {
    for (const code of ['', '12345', '1234567', 'abcdef', '12 34 5']) expect(matchTotp(RFC_SECRET, code, 0, null)).toBeNull();
  });

  it('builds the key URI apps scan', () => {
    expect(otpauthUri('Mailroom', 'alice', 'JBSWY3DPEHPK3PXP')).toBe(
      'otpauth://totp/Mailroom:alice?secret=JBSWY3DPEHPK3PXP&issuer=Mailroom&algorithm=SHA1&digits=6&period=30',
    );
  });
});

const USER = '11111111-1111-4111-8111-111111111111';
const hashes = Array.from({ length: 10 }, (_, i) => hashRecoveryCode(`code${i}-abcde`));
const enrolled = {
  type: 'TwoFactorEnrolled' as const,
  data: { userId: USER, method: 'TOTP' as const, secretCiphertext: 'v1.k.i.t.d', recoveryCodeHashes: hashes, enrolledAt: FIXED_NOW.toISOString() },
};
const cmd = (type: string, data: unknown) => ({ type, data, metadata: testMetadata() }) as never;

describe('TwoFactor decider', () => {
  it('enrols with ciphertext and recovery digests', () =>
    given(twoFactorDecider).when(cmd('EnrolTwoFactor', { userId: USER, secretCiphertext: 'v1.k.i.t.d', recoveryCodeHashes: hashes })).then([enrolled]));

  it('refuses a plaintext secret and a second enrolment', () => {
    given(twoFactorDecider).when(cmd('EnrolTwoFactor', { userId: USER, secretCiphertext: 'JBSWY3DP', recoveryCodeHashes: hashes })).thenThrows('VALIDATION', ['secretCiphertext']);
    given(twoFactorDecider, [enrolled]).when(cmd('EnrolTwoFactor', { userId: USER, secretCiphertext: 'v1.k.i.t.d', recoveryCodeHashes: hashes })).thenThrows('ILLEGAL_STATE');
  });

  it('uses a recovery code once', () => {
    const used = { type: 'TwoFactorRecoveryCodeUsed' as const, data: { userId: USER, codeIndex: 3, remaining: 9 } };
    given(twoFactorDecider, [enrolled]).when(cmd('UseRecoveryCode', { userId: USER, codeHash: hashes[3] })).then([used]);
    given(twoFactorDecider, [enrolled, used]).when(cmd('UseRecoveryCode', { userId: USER, codeHash: hashes[3] })).thenThrows('ILLEGAL_STATE', ['code']);
  });

  it('refuses removal while a mailbox requires it; a reset needs a reason', () => {
    given(twoFactorDecider, [enrolled]).when(cmd('RemoveTwoFactor', { userId: USER, requiredByMailboxes: [3] })).thenThrows('ILLEGAL_STATE', /mailbox 3/);
    given(twoFactorDecider, [enrolled]).when(cmd('RemoveTwoFactor', { userId: USER, requiredByMailboxes: [] })).then([{ type: 'TwoFactorRemoved', data: { userId: USER } }]);
    given(twoFactorDecider, [enrolled]).when(cmd('ResetTwoFactor', { userId: USER, reason: ' ' })).thenThrows('VALIDATION', ['reason']);
    given(twoFactorDecider).when(cmd('ResetTwoFactor', { userId: USER, reason: 'lost phone' })).thenThrows('ILLEGAL_STATE');
  });
});
