import { validationError } from '../shared/errors.js';
import { checkText, showText } from '../shared/text.js';

/**
 * Field rules shared by the identity deciders. Each returns the normalized value or
 * throws VALIDATION naming the field, what was expected and what arrived.
 */

const show = (value: unknown): string => {
  // Strings through the text rule's display, so a refused control arrives as <U+000D>, never raw.
  if (typeof value === 'string') return showText(value);
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

/**
 * @deprecated Use `requireText(path, value, kind)` from `../shared/text.js`: it picks the
 * limits by field kind and brands the result. This applies the same rule with explicit limits.
 */
export const requireTrimmedText = (path: readonly string[], value: unknown, min: number, max: number): string =>
  checkText(path, value, { min, max, lines: 'single' });

/**
 * Deliberately simple: one `@`, a non-empty local part without spaces, controls, format
 * characters (bidi controls) or lone surrogates (it ends up in headers), a dotted domain of
 * letters, digits and hyphens. Anything stricter than this rejects real addresses; the
 * mail server is the final judge.
 */
const EMAIL = /^[^\s@\p{Cc}\p{Cf}\p{Cs}]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/u;

/** Trimmed; the domain is lower-cased (case-insensitive per RFC 5321), the local part kept. */
export const requireEmail = (path: readonly string[], value: unknown): string => {
  if (typeof value !== 'string') throw validationError(path, `Expected an e-mail address, got ${show(value)}`);
  const trimmed = value.trim();
  if (trimmed.length > 254 || !EMAIL.test(trimmed)) {
    throw validationError(path, `Expected an e-mail address like "name@example.com", got ${show(value)}`);
  }
  const at = trimmed.lastIndexOf('@');
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
};

export const requirePositiveInteger = (path: readonly string[], value: unknown): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw validationError(path, `Expected a positive integer, got ${show(value)}`);
  }
  return value;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const requireUuid = (path: readonly string[], value: unknown): string => {
  if (typeof value !== 'string' || !UUID.test(value.toLowerCase())) {
    throw validationError(path, `Expected a UUID like "3f0c8a9e-1b2d-4c5e-8f70-123456789abc", got ${show(value)}`);
  }
  return value.toLowerCase();
};

const USERNAME = /^[a-z0-9._-]{3,64}$/;

/** Usernames compare case-insensitively, so they are stored lower-cased. */
export const normalizeUsername = (path: readonly string[], value: unknown): string => {
  const normalized = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (typeof normalized !== 'string' || !USERNAME.test(normalized)) {
    throw validationError(path, `Expected 3–64 characters of a–z, 0–9, ".", "_" or "-", got ${show(value)}`);
  }
  return normalized;
};

export const requireOneOf = <T extends string>(path: readonly string[], value: unknown, allowed: readonly T[]): T => {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw validationError(path, `Expected one of ${allowed.join(', ')}, got ${show(value)}`);
  }
  return value as T;
};

/**
 * A PHC-format hash (`$argon2id$v=19$...`). Checking the shape keeps a plaintext password
 * from ever reaching an event by mistake; which algorithm is used is not the domain's call.
 */
const PHC = /^\$[a-z0-9-]+\$[^\s]{16,}$/;

export const requirePasswordHash = (path: readonly string[], value: unknown): string => {
  if (typeof value !== 'string' || !PHC.test(value)) {
    throw validationError(path, 'Expected a PHC-format password hash ("$argon2id$..."), got something else (value not shown)');
  }
  return value;
};

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const requireSha256Hex = (path: readonly string[], value: unknown): string => {
  if (typeof value !== 'string' || !SHA256_HEX.test(value)) {
    throw validationError(path, 'Expected 64 lower-case hex characters (sha256), got something else (value not shown)');
  }
  return value;
};

export const requireIsoInstant = (path: readonly string[], value: unknown): string => {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw validationError(path, `Expected an ISO-8601 timestamp like "2030-01-01T00:00:00.000Z", got ${show(value)}`);
  }
  return new Date(value).toISOString();
};
