import { validationError } from '../shared/errors.js';
import { requireText, showText } from '../shared/text.js';

/**
 * Field rules of the inbound deciders that identity's `validation.ts` does not have. Each
 * returns the normalized value or throws VALIDATION naming what was expected and what
 * arrived. Secrets are never echoed back.
 */

export const show = (value: unknown): string => {
  // Strings through the text rule's display, so a refused control arrives as <U+000D>, never raw.
  if (typeof value === 'string') return showText(value);
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

export const requireBoolean = (path: readonly string[], value: unknown): boolean => {
  if (typeof value !== 'boolean') throw validationError(path, `Expected true or false, got ${show(value)}`);
  return value;
};

export const requireIntegerIn = (path: readonly string[], value: unknown, min: number, max: number): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw validationError(path, `Expected an integer from ${min} to ${max}, got ${show(value)}`);
  }
  return value;
};

/** RFC 1123 host name labels, or an IPv4 / bracket-less IPv6 literal. Lower-cased. */
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f:]+(?:%[a-z0-9]+)?$/;

export const requireHost = (path: readonly string[], value: unknown): string => {
  if (typeof value !== 'string') throw validationError(path, `Expected a host name or IP address, got ${show(value)}`);
  const host = value.trim().toLowerCase().replace(/\.$/, '');
  const ok =
    host.length > 0 &&
    host.length <= 253 &&
    (IPV4.test(host) || (host.includes(':') && IPV6.test(host)) || host.split('.').every((label) => HOST_LABEL.test(label)));
  if (!ok) throw validationError(path, `Expected a host name like "mail.example.com" or an IP address, got ${show(value)}`);
  return host;
};

/**
 * A ciphertext from the secret vault (`v1.<keyId>.…`). Checking the shape keeps a
 * plaintext secret from reaching an event by mistake.
 */
export const requireCiphertext = (path: readonly string[], value: unknown): string => {
  if (typeof value !== 'string' || !/^v1\.[0-9a-f-]{36}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value)) {
    throw validationError(path, 'Expected a secret-vault ciphertext ("v1.<keyId>...."), got something else (value not shown)');
  }
  return value;
};

/** Account names are sent verbatim to the server (USER / LOGIN / XOAUTH2 user=): the text rule of kind `accountName` (no controls, 1–255). */
export const requireAccountName = (path: readonly string[], value: unknown): string => requireText(path, value, 'accountName');

/**
 * Redirect URLs must be https, except on a loopback host where http is allowed for
 * native and development clients (RFC 8252 §7.3, §8.3).
 */
export const requireRedirectUrl = (path: readonly string[], value: unknown): string => {
  let url: URL;
  try {
    url = new URL(String(value).trim());
  } catch {
    throw validationError(path, `Expected an absolute https URL like "https://app.example.com/oauth/callback", got ${show(value)}`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw validationError(path, `Expected an https URL (http only on localhost/127.0.0.1/[::1]), got ${show(value)}`);
  }
  if (url.hash) throw validationError(path, `A redirect URL must not have a fragment (RFC 6749 §3.1.2), got ${show(value)}`);
  return url.toString();
};
