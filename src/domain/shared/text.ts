import { MailroomError, ErrorCode } from './errors.js';

/**
 * The one rule for text that people type (names, labels, display names, reasons). Such
 * text travels into notice subjects and bodies, chat messages, CSV exports and the
 * console, so a line must stay a line:
 *
 * - well-formed Unicode (no lone surrogates: PostgreSQL's jsonb refuses them), then NFC
 *   (UAX #15), so "é" typed as e + U+0301 and as U+00E9 is one name;
 * - no C0 or C1 control (U+0000–U+001F, U+007F–U+009F): a CR LF in a name is a header or
 *   SMTP command injection waiting for a concatenation (RFC 5322 §2.2, RFC 5321 §4.1.1);
 *   multi-line kinds allow LF, CR LF (stored as LF) and TAB only;
 * - no U+2028 / U+2029 (line and paragraph separators break lines in JavaScript, chat
 *   clients and consoles) and no bidi embeddings, overrides or isolates (U+202A–U+202E,
 *   U+2066–U+2069; "Trojan Source", CVE-2021-42574), which make a name read differently
 *   from what it is;
 * - trimmed; a length per kind, counted in code points (an emoji is one character).
 *
 * Controls are refused, never stripped: silently removing a CR LF would store something
 * the caller did not type. Refusals are VALIDATION errors naming the field; `details.rule`
 * says which part of the rule (stable, see `TextRule`).
 */

/** What a field is for, and therefore how long it may be and whether it has lines. */
export const TEXT_KINDS = {
  /** Names of things a user picks between: mailbox, SMTP server, DKIM signature, chat destination, external call, API token. */
  name: { min: 1, max: 100, lines: 'single' },
  /** How a person or an account is shown: user, receive account, OAuth credential. */
  displayName: { min: 1, max: 100, lines: 'single' },
  /** Why a change was made; stored in the event metadata for auditors. */
  reason: { min: 1, max: 500, lines: 'single' },
  /** Account and client names sent verbatim to a server (SMTP AUTH user, OAuth client id). */
  accountName: { min: 1, max: 255, lines: 'single' },
  /** Free text of several lines (notes, descriptions). */
  description: { min: 1, max: 2000, lines: 'multi' },
} as const satisfies Record<string, { min: number; max: number; lines: 'single' | 'multi' }>;
export type TextKind = keyof typeof TEXT_KINDS;

/** Which part of the rule refused a value: `details.rule` of the VALIDATION error. */
export const TextRule = {
  NOT_A_STRING: 'NOT_A_STRING',
  MALFORMED_UNICODE: 'MALFORMED_UNICODE',
  CONTROL_CHARACTER: 'CONTROL_CHARACTER',
  LINE_BREAK: 'LINE_BREAK',
  BIDI_CONTROL: 'BIDI_CONTROL',
  TOO_SHORT: 'TOO_SHORT',
  TOO_LONG: 'TOO_LONG',
} as const;
export type TextRule = (typeof TextRule)[keyof typeof TextRule];

declare const checkedText: unique symbol;
/**
 * Text that passed `requireText` for its kind. Only the validator makes one, so an event or
 * metadata field typed with it cannot be filled from raw input by mistake: the compiler
 * catches a forgotten field. Events stored before this rule existed may not comply; read
 * them as plain strings.
 */
export type CheckedText<K extends TextKind = TextKind> = string & { readonly [checkedText]: K };
/** A checked text of a single-line kind. */
export type SingleLineText = CheckedText<Exclude<TextKind, 'description'>>;

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'NULL',
  0x07: 'BELL',
  0x08: 'BACKSPACE',
  0x09: 'CHARACTER TABULATION',
  0x0a: 'LINE FEED',
  0x0b: 'LINE TABULATION',
  0x0c: 'FORM FEED',
  0x0d: 'CARRIAGE RETURN',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x85: 'NEXT LINE',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

const isControl = (cp: number): boolean => cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f);
const isLineSeparator = (cp: number): boolean => cp === 0x2028 || cp === 0x2029;
const isBidiControl = (cp: number): boolean => (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
/** Characters the messages show as U+XXXX instead of themselves. */
const isInvisible = (cp: number): boolean => isControl(cp) || isLineSeparator(cp) || isBidiControl(cp) || (cp >= 0xd800 && cp <= 0xdfff);

/** With the u flag a lone surrogate is a code point of its own (category Cs); a pair is not. */
const LONE_SURROGATE = /\p{Cs}/u;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/;
/**
 * A cheap first look (no u flag: unicode-mode classes cost 3x): anything a single line may
 * refuse, plus every surrogate, since telling a lone one from an emoji's pair needs the
 * precise scan. Multi-line text also passes LF and TAB (after CR LF became LF).
 */
// eslint-disable-next-line no-control-regex
const SUSPECT_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;
// eslint-disable-next-line no-control-regex
const SUSPECT_MULTI_LINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

const hex = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
const describe = (cp: number): string => (NAMES[cp] ? `${hex(cp)} (${NAMES[cp]})` : hex(cp));

/**
 * A value as a message may show it: quoted, with every control, separator, bidi control and
 * lone surrogate written as <U+XXXX>, cut after 80 characters. Never echoes a raw control.
 */
export const showText = (value: string): string => {
  let out = '';
  let count = 0;
  for (const ch of value) {
    if (++count > 80) return `"${out}..."`;
    const cp = ch.codePointAt(0)!;
    out += isInvisible(cp) ? `<${hex(cp)}>` : ch;
  }
  return `"${out}"`;
};

const refuse = (path: readonly string[], rule: TextRule, message: string): MailroomError =>
  new MailroomError(ErrorCode.VALIDATION, message, { path, details: { rule } });

type TextSpec = { readonly min: number; readonly max: number; readonly lines: 'single' | 'multi' };

const expectation = ({ min, max, lines }: TextSpec): string => {
  return lines === 'single'
    ? `a single line of ${min}–${max} characters without control characters`
    : `text of ${min}–${max} characters (line breaks and tabs allowed, no other control characters)`;
};

/** The normalised form a value is stored in; `requireText` refuses what this cannot make safe. */
export const normalizeText = (value: string, kind: TextKind | TextSpec): string => {
  // ASCII is already NFC; skipping ICU for it halves the cost of the common case.
  const nfc = NON_ASCII.test(value) ? value.normalize('NFC') : value;
  return ((typeof kind === 'string' ? TEXT_KINDS[kind] : kind).lines === 'multi' ? nfc.replace(/\r\n/g, '\n') : nfc).trim();
};

/** The error for the first character the kind does not allow, or null. */
const refusedCharacter = (path: readonly string[], value: string, spec: TextSpec): MailroomError | null => {
  const multi = spec.lines === 'multi';
  let index = 0;
  for (const ch of multi ? value.replace(/\r\n/g, '\n') : value) {
    index++;
    const cp = ch.codePointAt(0)!;
    if (multi && (cp === 0x0a || cp === 0x09)) continue;
    const rule = cp === 0x0a || cp === 0x0d || cp === 0x85 || isLineSeparator(cp) ? TextRule.LINE_BREAK
      : isControl(cp) ? TextRule.CONTROL_CHARACTER
      : isBidiControl(cp) ? TextRule.BIDI_CONTROL
      : null;
    if (rule === null) continue;
    const what = rule === TextRule.LINE_BREAK ? 'a line break' : rule === TextRule.BIDI_CONTROL ? 'a bidi control' : 'a control character';
    return refuse(path, rule, `Expected ${expectation(spec)}, got ${what} ${describe(cp)} at character ${index} of ${showText(value)}`);
  }
  return null;
};

/**
 * The validator. Returns the trimmed NFC text, or throws VALIDATION naming the field, what
 * was expected and what arrived (controls shown as U+XXXX).
 */
export const requireText = <K extends TextKind>(path: readonly string[], value: unknown, kind: K): CheckedText<K> =>
  checkText(path, value, TEXT_KINDS[kind]) as CheckedText<K>;

/** The rule with explicit limits, for `requireTrimmedText` (identity/validation.ts) only. */
export const checkText = (path: readonly string[], value: unknown, spec: TextSpec): string => {
  if (typeof value !== 'string') {
    const shown = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value)).slice(0, 80);
    throw refuse(path, TextRule.NOT_A_STRING, `Expected ${expectation(spec)}, got ${shown}`);
  }
  // Fast path: one regex over the whole value; the precise scan runs only on a suspect.
  const multi = spec.lines === 'multi';
  if ((multi ? SUSPECT_MULTI_LINE : SUSPECT_SINGLE_LINE).test(multi ? value.replace(/\r\n/g, '\n') : value)) {
    const chars = [...value];
    const lone = chars.findIndex((ch) => LONE_SURROGATE.test(ch));
    if (lone >= 0) {
      throw refuse(path, TextRule.MALFORMED_UNICODE, `Expected ${expectation(spec)} in well-formed Unicode, got a lone surrogate ${hex(chars[lone]!.codePointAt(0)!)} at character ${lone + 1} of ${showText(value)}`);
    }
    const refused = refusedCharacter(path, value, spec);
    if (refused) throw refused;
  }
  const text = normalizeText(value, spec);
  // Code points ≤ UTF-16 units ≤ 2 × code points: count them only when the units leave it open.
  const length = text.length <= spec.max && text.length >= spec.min ? spec.min : [...text].length;
  if (length < spec.min) throw refuse(path, TextRule.TOO_SHORT, `Expected ${expectation(spec)}, got ${length} characters after trimming (${showText(value)})`);
  if (length > spec.max) throw refuse(path, TextRule.TOO_LONG, `Expected ${expectation(spec)}, got ${length} characters (${showText(text)})`);
  return text;
};

/**
 * For optional text: null and undefined stay null, and so does text that is empty after
 * trimming (a blank reason is no reason); anything else must pass `requireText`.
 */
export const optionalText = <K extends TextKind>(path: readonly string[], value: unknown, kind: K): CheckedText<K> | null => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && !LONE_SURROGATE.test(value) && normalizeText(value, kind) === '' && refusedCharacter(path, value, TEXT_KINDS[kind]) === null) return null;
  return requireText(path, value, kind);
};
