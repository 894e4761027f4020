import { validationError } from '../shared/errors.js';
import { show } from '../inbound/validation.js';

/**
 * URL templates of external system calls (外部システム呼び出し).
 *
 * Syntax: literal URL text with placeholders in braces, e.g.
 *   `https://crm.example.com/search?mail={senderAddress}&subject={subject}`
 *
 * | placeholder          | value                                                    |
 * |----------------------|----------------------------------------------------------|
 * | `{senderAddress}`    | address of the From header (`taro@example.jp`)           |
 * | `{senderName}`       | display name of the From header (empty when none)        |
 * | `{subject}`          | Subject, RFC 2047 encoded words decoded                  |
 * | `{messageId}`        | the product's id of the stored mail                      |
 * | `{internetMessageId}`| the Message-ID header without angle brackets             |
 * | `{mailboxNumber}`    | the mailbox No.                                          |
 *
 * Values are percent-encoded (RFC 3986 §2.1) from their bytes in the call's encoding
 * (UTF-8 or Shift_JIS); only unreserved characters (§2.3) stay literal, so a value can
 * never add a path segment, a parameter or a fragment. Literal braces are written `%7B`
 * / `%7D`.
 *
 * The scheme and host are fixed text: a template must start with `http://` or `https://`
 * and the authority must not contain a placeholder, so neither a `javascript:` URL nor a
 * mail whose subject names another host can send the browser somewhere the administrator
 * did not choose.
 */

export const placeholders = ['senderAddress', 'senderName', 'subject', 'messageId', 'internetMessageId', 'mailboxNumber'] as const;
export type Placeholder = (typeof placeholders)[number];
export type PlaceholderValues = { readonly [P in Placeholder]: string };

export type TemplatePart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'placeholder'; readonly name: Placeholder };

export const MAX_TEMPLATE_LENGTH = 2048;
const SCHEME = /^(https?):\/\//i;
const PLACEHOLDER = /^\{([A-Za-z]+)\}/;

/** Splits a template into text and placeholders; throws VALIDATION naming what is wrong. */
export const parseUrlTemplate = (path: readonly string[], value: unknown): readonly TemplatePart[] => {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEMPLATE_LENGTH) {
    throw validationError(path, `Expected a URL template of 1–${MAX_TEMPLATE_LENGTH} characters, got ${show(value)}`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(value)) {
    throw validationError(path, `Expected a URL template without spaces or control characters (write a space as %20), got ${show(value)}`);
  }
  const scheme = SCHEME.exec(value);
  if (!scheme) {
    const found = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value)?.[1];
    throw validationError(
      path,
      `Expected a URL template starting with http:// or https://, got ${found ? `the scheme "${found.toLowerCase()}:"` : show(value)}`,
    );
  }
  const parts: TemplatePart[] = [];
  let text = '';
  for (let i = 0; i < value.length; ) {
    const ch = value[i]!;
    if (ch === '}') throw validationError(path, `Unmatched "}" at character ${i + 1}; write a literal brace as %7D`);
    if (ch !== '{') {
      text += ch;
      i++;
      continue;
    }
    const m = PLACEHOLDER.exec(value.slice(i));
    const name = m?.[1];
    if (!m || !(placeholders as readonly string[]).includes(name!)) {
      throw validationError(
        path,
        `Unknown placeholder ${show(m ? m[0] : value.slice(i, i + 20))} at character ${i + 1}; expected one of ${placeholders.map((p) => `{${p}}`).join(', ')} (a literal brace is %7B)`,
      );
    }
    if (text) parts.push({ kind: 'text', text });
    text = '';
    parts.push({ kind: 'placeholder', name: name as Placeholder });
    i += m[0].length;
  }
  if (text) parts.push({ kind: 'text', text });

  const head = parts[0]?.kind === 'text' ? parts[0].text : '';
  const afterScheme = head.slice(scheme[0].length);
  const authorityEnd = afterScheme.search(/[/?#]/);
  if (authorityEnd < 0 && parts.length > 1) {
    throw validationError(path, 'Placeholders are not allowed in the host: end the host with "/" before the first placeholder');
  }
  const authority = authorityEnd < 0 ? afterScheme : afterScheme.slice(0, authorityEnd);
  const probe = parts.map((p) => (p.kind === 'text' ? p.text : 'x')).join('');
  let url: URL;
  try {
    url = new URL(probe);
  } catch {
    throw validationError(path, `Expected a valid http(s) URL once placeholders are filled in, got ${show(value)}`);
  }
  if (authority.length === 0 || url.hostname.length === 0 || authority.includes('@')) {
    throw validationError(path, `Expected a host name after "${scheme[0]}" (and no user:password@), got ${show(authority)}`);
  }
  return parts;
};

/**
 * Unreserved characters (RFC 3986 §2.3) stay; every other byte becomes %XX (upper-case hex,
 * §2.1). Used for both the query and the form body: `+` never stands for a space here, which
 * every form parser accepts.
 */
export const percentEncodeBytes = (bytes: Uint8Array): string => {
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
};

/** Printable ASCII of the template is kept as written (it may hold the administrator's own %XX). */
const encodeLiteral = (text: string, encode: (s: string) => Uint8Array): string => {
  let out = '';
  for (const ch of text) out += /^[\x21-\x7e]$/.test(ch) ? ch : percentEncodeBytes(encode(ch));
  return out;
};

/** The template with every placeholder replaced by its value, encoded with `encode` (the call's charset). */
export const renderUrlTemplate = (parts: readonly TemplatePart[], values: PlaceholderValues, encode: (s: string) => Uint8Array): string =>
  parts.map((p) => (p.kind === 'text' ? encodeLiteral(p.text, encode) : percentEncodeBytes(encode(values[p.name])))).join('');

/**
 * A form POST sends the template's query as the `application/x-www-form-urlencoded` body
 * (HTML §4.10.21.8) to the URL without it; a fragment is never sent to a server.
 */
export const splitForPost = (renderedUrl: string): { readonly url: string; readonly body: string } => {
  const withoutFragment = renderedUrl.split('#')[0]!;
  const q = withoutFragment.indexOf('?');
  return q < 0 ? { url: withoutFragment, body: '' } : { url: withoutFragment.slice(0, q), body: withoutFragment.slice(q + 1) };
};
