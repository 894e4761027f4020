import { describe, expect, it } from 'vitest';
import { optionalText, requireText, showText, TEXT_KINDS, TextRule, type TextKind } from '../../../src/domain/shared/text.js';
import { isMailroomError } from '../../../src/domain/shared/errors.js';

/** given a value of a kind, when it is validated, then it is stored as `expected` or refused by `rule`. */
const when = (value: unknown, kind: TextKind = 'name', path: readonly string[] = ['input', 'name']) => ({
  thenStored: (expected: string) => expect(requireText(path, value, kind)).toBe(expected),
  thenRefused: (rule: TextRule, message?: RegExp) => {
    let thrown: unknown = null;
    try {
      requireText(path, value, kind);
    } catch (e) {
      thrown = e;
    }
    if (!isMailroomError(thrown)) throw new Error(`Expected a refusal by ${rule}, got ${String(thrown)}`);
    expect(thrown.code).toBe('VALIDATION');
    expect(thrown.fieldPath).toEqual(path);
    expect(thrown.details).toEqual({ rule });
    if (message) expect(thrown.message).toMatch(message);
    return thrown.message;
  },
});

describe('text: what is stored', () => {
  it('given surrounding spaces, when validated, then trimmed', () => when('  Support \u3000', 'name').thenStored('Support'));
  it('given inner spaces, then kept as typed', () => when('Support  team', 'name').thenStored('Support  team'));
  it('given e + COMBINING ACUTE, then stored as NFC U+00E9', () => when('Caf\u0065\u0301', 'name').thenStored('Caf\u00e9'));
  it('given a Hangul jamo sequence, then composed', () => when('\u1100\u1161', 'name').thenStored('\uac00'));
  it('given an emoji, then it counts as one character', () => when('😀'.repeat(100), 'name').thenStored('😀'.repeat(100)));
  it('given Japanese text, then kept', () => when('サポート窓口', 'displayName').thenStored('サポート窓口'));
  it('given a right-to-left mark (not an override), then kept', () => when('\u05e9\u05dc\u05d5\u05dd\u200f', 'name').thenStored('\u05e9\u05dc\u05d5\u05dd\u200f'));
  it.each(Object.entries(TEXT_KINDS))('given exactly the maximum of %s, then accepted', (kind, spec) =>
    when('x'.repeat(spec.max), kind as TextKind).thenStored('x'.repeat(spec.max)));
});

describe('text: what is refused', () => {
  it('given NUL and BEL (issue 20), then refused, the message showing U+0000', () => {
    const message = when('\u0000\u0007', 'name').thenRefused(TextRule.CONTROL_CHARACTER);
    expect(message).toBe('Expected a single line of 1–100 characters without control characters, got a control character U+0000 (NULL) at character 1 of "<U+0000><U+0007>"');
    expect(message).not.toMatch(/[\u0000-\u001f]/);
  });

  it('given CR LF and an SMTP command (issue 20), then refused as a line break, not trimmed away', () => {
    when('\r\nRCPT TO:<a@b>', 'name').thenRefused(TextRule.LINE_BREAK, /U\+000D \(CARRIAGE RETURN\) at character 1 of "<U\+000D><U\+000A>RCPT TO:<a@b>"/);
  });

  it.each([...Array(0x20).keys(), ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i)])('given control U+%s in a single line, then refused', (cp) => {
    const message = when(`a${String.fromCodePoint(cp)}b`, 'name').thenRefused(
      [0x0a, 0x0d, 0x85].includes(cp) ? TextRule.LINE_BREAK : TextRule.CONTROL_CHARACTER,
    );
    expect(message).toContain(`U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
  });

  it.each([0x2028, 0x2029])('given separator U+%s, then refused as a line break', (cp) => {
    when(`a${String.fromCodePoint(cp)}`, 'reason').thenRefused(TextRule.LINE_BREAK);
  });

  it.each([0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069])('given bidi control U+%s, then refused', (cp) => {
    when(`invoice${String.fromCodePoint(cp)}fdp.exe`, 'name').thenRefused(TextRule.BIDI_CONTROL);
  });

  it('given a lone surrogate, then refused as malformed', () => void when('ab\ud800', 'name').thenRefused(TextRule.MALFORMED_UNICODE, /lone surrogate U\+D800 at character 3/));
  it('given only spaces, then refused as too short', () => void when('   ', 'name').thenRefused(TextRule.TOO_SHORT, /got 0 characters after trimming/));
  it('given 101 characters for a name, then too long', () => void when('x'.repeat(101), 'name').thenRefused(TextRule.TOO_LONG, /1–100 characters.*got 101/));
  it('given 501 characters for a reason, then too long', () => void when('x'.repeat(501), 'reason').thenRefused(TextRule.TOO_LONG));
  it.each([null, undefined, 42, ['a'], { a: 1 }])('given %j, then refused as not a string', (value) => void when(value, 'name').thenRefused(TextRule.NOT_A_STRING));
  it('given NFC growth past the limit, then the stored length is what counts', () =>
    // U+0344 decomposes under NFC to two code points (U+0308 U+0301).
    void when('-'.repeat(99) + '\u0344', 'name').thenRefused(TextRule.TOO_LONG));
});

describe('text: multi-line kinds', () => {
  it('given LF, CR LF and tabs, then kept with CR LF stored as LF', () => when('line 1\r\n\tline 2\nline 3', 'description').thenStored('line 1\n\tline 2\nline 3'));
  it('given a bare CR, then refused', () => void when('a\rb', 'description').thenRefused(TextRule.LINE_BREAK));
  it('given U+2028, then refused', () => void when('a\u2028b', 'description').thenRefused(TextRule.LINE_BREAK));
  it('given another control, then refused', () => void when('a\u0000b', 'description').thenRefused(TextRule.CONTROL_CHARACTER));
});

describe('text: optional fields', () => {
  it.each([null, undefined, '', '   '])('given %j, then nothing', (value) => expect(optionalText(['reason'], value, 'reason')).toBeNull());
  it('given a value, then checked like a required one', () => expect(optionalText(['reason'], ' why ', 'reason')).toBe('why'));
  it('given only a tab, then refused rather than dropped', () => expect(() => optionalText(['reason'], '\t', 'reason')).toThrow(/U\+0009/));
});

describe('text: showText', () => {
  it('escapes controls and cuts long values', () => {
    expect(showText('a\u202eb')).toBe('"a<U+202E>b"');
    expect(showText('x'.repeat(100))).toBe(`"${'x'.repeat(80)}..."`);
  });
});
