import { describe, expect, it } from 'vitest';
import { parseUrlTemplate, renderUrlTemplate, splitForPost, type PlaceholderValues } from '../../../src/domain/integrations/urlTemplate.js';
import { isMailroomError } from '../../../src/domain/shared/errors.js';
import { encoderFor } from '../../../src/app/integrations/charsets.js';
import { parseFromHeader } from '../../../src/app/integrations/fromHeader.js';

const values: PlaceholderValues = {
  senderAddress: 'taro+crm@example.jp',
  senderName: '山田 太郎',
  subject: 'あ',
  messageId: 'm-1',
  internetMessageId: 'abc@mail.example.jp',
  mailboxNumber: '3',
};

const render = (template: string, encoding: 'UTF_8' | 'SHIFT_JIS', v: Partial<PlaceholderValues> = {}) =>
  renderUrlTemplate(parseUrlTemplate(['urlTemplate'], template), { ...values, ...v }, encoderFor(encoding));

const refusal = (template: string) => {
  try {
    parseUrlTemplate(['urlTemplate'], template);
  } catch (e) {
    if (isMailroomError(e)) return e;
    throw e;
  }
  throw new Error(`accepted ${template}`);
};

describe('external call URL templates', () => {
  it('percent-encodes a Japanese subject from its UTF-8 bytes', () => {
    expect(render('https://crm.example.com/s?q={subject}', 'UTF_8')).toBe('https://crm.example.com/s?q=%E3%81%82');
    expect(render('https://crm.example.com/s?q={subject}', 'UTF_8', { subject: '問い合わせ' })).toBe(
      'https://crm.example.com/s?q=%E5%95%8F%E3%81%84%E5%90%88%E3%82%8F%E3%81%9B',
    );
  });

  it('percent-encodes a Japanese subject from its Shift_JIS bytes', () => {
    expect(render('https://crm.example.com/s?q={subject}', 'SHIFT_JIS')).toBe('https://crm.example.com/s?q=%82%A0');
    // 表 is 0x95 0x5C: the trail byte is "\" in ASCII and must be escaped as well.
    expect(render('https://crm.example.com/s?q={subject}', 'SHIFT_JIS', { subject: '表示' })).toBe('https://crm.example.com/s?q=%95%5C%8E%A6');
    // Half-width katakana are single bytes; CP932 has the wave dash as U+FF5E and circled digits.
    expect(render('https://crm.example.com/s?q={subject}', 'SHIFT_JIS', { subject: 'ｱ～①' })).toBe('https://crm.example.com/s?q=%B1%81%60%87%40');
  });

  it('escapes every reserved character of a value so it cannot add parameters or segments', () => {
    expect(render('https://crm.example.com/u/{senderAddress}?n={senderName}', 'UTF_8', { senderAddress: 'a/b?c=d&e#f', senderName: 'A B+C' })).toBe(
      'https://crm.example.com/u/a%2Fb%3Fc%3Dd%26e%23f?n=A%20B%2BC',
    );
  });

  it('keeps literal text, and encodes non-ASCII literal text in the call charset', () => {
    expect(render('https://crm.example.com/s?tag=%E3%81%82&k=検索&id={messageId}', 'SHIFT_JIS')).toBe(
      'https://crm.example.com/s?tag=%E3%81%82&k=%8C%9F%8D%F5&id=m-1',
    );
  });

  it('refuses non-http schemes, naming the scheme', () => {
    const e = refusal('javascript:alert(document.cookie)//{subject}');
    expect(e.code).toBe('VALIDATION');
    expect(e.fieldPath).toEqual(['urlTemplate']);
    expect(e.message).toContain('"javascript:"');
    expect(refusal('JavaScript:alert(1)').message).toContain('"javascript:"');
    expect(refusal('data:text/html,x').code).toBe('VALIDATION');
    expect(refusal('ftp://files.example.com/').code).toBe('VALIDATION');
    expect(refusal('//crm.example.com/').code).toBe('VALIDATION');
  });

  it('refuses placeholders in the host, unknown placeholders and stray braces', () => {
    expect(refusal('https://{subject}/x').message).toContain('host');
    expect(refusal('https://crm.example.com{subject}').message).toContain('host');
    expect(refusal('https://crm.example.com/?q={sender}').message).toContain('{senderAddress}');
    expect(refusal('https://crm.example.com/?q=}').message).toContain('%7D');
    expect(refusal('https://user:pw@crm.example.com/').code).toBe('VALIDATION');
    expect(refusal('https://crm.example.com/a b').code).toBe('VALIDATION');
  });

  it('splits a POST into the URL and the form body', () => {
    expect(splitForPost('https://crm.example.com/find?a=1&b=%82%A0#top')).toEqual({ url: 'https://crm.example.com/find', body: 'a=1&b=%82%A0' });
    expect(splitForPost('https://crm.example.com/find')).toEqual({ url: 'https://crm.example.com/find', body: '' });
  });

  it('reads name and address of a decoded From header', () => {
    expect(parseFromHeader('山田 太郎 <taro@example.jp>')).toEqual({ name: '山田 太郎', address: 'taro@example.jp' });
    expect(parseFromHeader('"Yamada, Taro" <taro@example.jp>')).toEqual({ name: 'Yamada, Taro', address: 'taro@example.jp' });
    expect(parseFromHeader('taro@example.jp (Taro)')).toEqual({ name: 'Taro', address: 'taro@example.jp' });
    expect(parseFromHeader('taro@example.jp')).toEqual({ name: '', address: 'taro@example.jp' });
    expect(parseFromHeader(null)).toEqual({ name: '', address: '' });
  });
});
