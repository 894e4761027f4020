import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Time-based one-time passwords, RFC 6238 over HOTP (RFC 4226): HMAC-SHA1, a 30-second
 * step, 6 digits, the parameters every authenticator app assumes by default. Pure
 * functions of the secret and the time (no clock, no I/O), so the rules are testable with
 * the RFC's own vectors.
 */

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of now (RFC 6238 §5.2 recommends at most one). */
export const TOTP_SKEW_STEPS = 1;
/** 160 bits, the HMAC-SHA1 block size recommended by RFC 4226 §4. */
export const TOTP_SECRET_BYTES = 20;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as otpauth:// URIs carry secrets. */
export const base32Encode = (bytes: Uint8Array): string => {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
};

/** Null for anything that is not base32 (spaces and lower case are tolerated, as apps show them). */
export const base32Decode = (text: string): Buffer | null => {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const i = BASE32.indexOf(ch);
    if (i < 0) return null;
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
};

/** HOTP value for one counter (RFC 4226 §5.3: dynamic truncation). */
export const hotp = (secret: Uint8Array, counter: number, digits = TOTP_DIGITS): string => {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
};

/** The time step a moment falls in (RFC 6238 §4.2, T0 = 0). */
export const totpStep = (nowMs: number): number => Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS);

export const totpAt = (secret: Uint8Array, nowMs: number): string => hotp(secret, totpStep(nowMs));

const sameCode = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The step a code belongs to, or null. Accepts now ± TOTP_SKEW_STEPS, but only steps after
 * `lastUsedStep`: a code once accepted (or an older one) is refused, so an observed code
 * cannot be replayed within its window (RFC 6238 §5.2).
 */
export const matchTotp = (secret: Uint8Array, code: string, nowMs: number, lastUsedStep: number | null): number | null => {
  const typed = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(typed)) return null;
  const now = totpStep(nowMs);
  let found: number | null = null;
  // Every candidate is computed, so the time taken does not say which step matched.
  for (let step = now - TOTP_SKEW_STEPS; step <= now + TOTP_SKEW_STEPS; step++) {
    if (sameCode(hotp(secret, step), typed) && (lastUsedStep === null || step > lastUsedStep) && found === null) found = step;
  }
  return found;
};

/**
 * Key URI for authenticator apps and QR codes (the de-facto "Key Uri Format" of Google
 * Authenticator): `otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30`.
 */
export const otpauthUri = (issuer: string, account: string, secretBase32: string): string => {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({ secret: secretBase32, issuer, algorithm: 'SHA1', digits: String(TOTP_DIGITS), period: String(TOTP_STEP_SECONDS) });
  return `otpauth://totp/${label}?${query.toString()}`;
};

/** Recovery codes: `xxxxx-xxxxx` of base32 (50 bits), compared case- and dash-insensitively. */
export const normalizeRecoveryCode = (code: string): string => code.replace(/[\s-]/g, '').toLowerCase();
export const formatRecoveryCode = (bytes: Uint8Array): string => {
  const text = base32Encode(bytes).slice(0, 10).toLowerCase();
  return `${text.slice(0, 5)}-${text.slice(5)}`;
};
/** sha256 is enough: the input already has 50 random bits and each code works once. */
export const hashRecoveryCode = (code: string): string => createHash('sha256').update(`mailroom-recovery\0${normalizeRecoveryCode(code)}`).digest('hex');
