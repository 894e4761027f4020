import { isIP } from 'node:net';
import { validationError } from '../shared/errors.js';
import { showText } from '../shared/text.js';
import { requireEmail } from '../identity/validation.js';

/**
 * Field rules of the outbound deciders. Each returns the normalized value or throws
 * VALIDATION naming the field, what was expected and what arrived.
 */

export const show = (value: unknown): string => {
  // Strings through the text rule's display, so a refused control arrives as <U+000D>, never raw.
  if (typeof value === 'string') return showText(value);
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

/** RFC 1123 §2.1 label: letters, digits, inner hyphens, 1–63 characters. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const isHostName = (name: string): boolean => {
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  // RFC 3696 §2: a top-level label is never all-numeric, so "10.0.0.300" is a bad IP, not a name.
  return labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]!);
};

/** A host name (single-label names such as intranet relays included) or an IPv4/IPv6 literal. */
export const requireHost = (path: readonly string[], value: unknown): string => {
  if (typeof value !== 'string') throw validationError(path, `Expected a host name or IP address, got ${show(value)}`);
  const host = value.trim().toLowerCase();
  if (isIP(host) !== 0 || isHostName(host)) return host;
  throw validationError(
    path,
    `Expected a host name like "smtp.example.com" or an IP address (letters, digits, hyphens and dots; no scheme, port or spaces), got ${show(value)}`,
  );
};

/** A DNS domain of at least two labels, as used in DKIM d= (RFC 6376 §3.5). */
export const requireDomain = (path: readonly string[], value: unknown): string => {
  if (typeof value !== 'string') throw validationError(path, `Expected a domain like "example.com", got ${show(value)}`);
  const domain = value.trim().toLowerCase();
  if (!isHostName(domain) || !domain.includes('.')) {
    throw validationError(path, `Expected a domain like "example.com", got ${show(value)}`);
  }
  return domain;
};

/** RFC 6376 §3.1: selector = sub-domain *("." sub-domain). */
export const requireSelector = (path: readonly string[], value: unknown): string => {
  const selector = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (typeof selector !== 'string' || selector.length > 63 || !selector.split('.').every((l) => LABEL.test(l))) {
    throw validationError(path, `Expected a selector of letters, digits and hyphens like "mail2026" (dots separate labels), got ${show(value)}`);
  }
  return selector;
};

export const requirePort = (path: readonly string[], value: unknown): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    throw validationError(path, `Expected a port from 1 to 65535, got ${show(value)}`);
  }
  return value;
};

/**
 * An exact address, never a domain. Domains get their own message because the manual
 * forbids them outright for DKIM usage conditions (ドメイン単位での設定不可).
 */
export const requireExactAddress = (path: readonly string[], value: unknown): string => {
  if (typeof value === 'string') {
    const v = value.trim();
    const domainOnly = /^(\*?@)?[^@\s]+\.[^@\s]+$/.test(v) && !/^[^@]+@[^@]+$/.test(v);
    if (domainOnly || v.startsWith('*@')) {
      throw validationError(
        path,
        `Expected an exact From address like "info@example.com", got the domain ${show(value)}: conditions cannot cover a whole domain; add one condition per address`,
      );
    }
  }
  return requireEmail(path, value);
};

/**
 * The shape of a vault ciphertext (`v1.<keyId>.<iv>.<tag>.<data>`). Checking it keeps a
 * plaintext secret from reaching an immutable event by mistake.
 */
const CIPHERTEXT = /^v1\.[0-9a-f-]{36}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export const requireCiphertext = (path: readonly string[], value: unknown): string => {
  if (typeof value !== 'string' || !CIPHERTEXT.test(value)) {
    throw validationError(path, 'Expected a vault ciphertext ("v1.…"), got something else (value not shown)');
  }
  return value;
};

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export const requireBase64 = (path: readonly string[], value: unknown): string => {
  if (typeof value !== 'string' || !BASE64.test(value)) throw validationError(path, 'Expected base64 data (RFC 4648 §4)');
  return value;
};

export const requireNonNegativeIntegerOrNull = (path: readonly string[], value: unknown, max: number): number | null => {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw validationError(path, `Expected an integer from 0 to ${max} or nothing, got ${show(value)}`);
  }
  return value;
};
