import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { decodeEncodedWords, MessageCollector, parseHeaderFields } from '../../src/mail/fetch/incomingMessage.js';

describe('header fields for the store', () => {
  it('takes Message-ID, Date verbatim and decodes Subject and From (RFC 2047), folded lines included', () => {
    const raw = Buffer.from(
      [
        'Received: from a by b; Fri, 27 Nov 2026 00:00:00 +0000',
        'From: =?ISO-2022-JP?B?GyRCOzNFRBsoQg==?= <yamada@example.jp>',
        'Subject: =?UTF-8?B?5Y+X5L+h44OG44K544OI?=',
        ' =?UTF-8?Q?_part_two?=',
        'Message-ID:',
        '  <abc@example.jp>',
        'Date: Fri, 27 Nov 2026 09:00:00 +0900',
        '',
        'Subject: not a header, the body',
      ].join('\r\n'),
    );
    expect(parseHeaderFields(raw)).toEqual({
      messageId: '<abc@example.jp>',
      subject: '受信テスト part two',
      from: '山田 <yamada@example.jp>',
      dateHeader: 'Fri, 27 Nov 2026 09:00:00 +0900',
    });
  });

  it('leaves missing fields null and unknown charsets as they were', () => {
    expect(parseHeaderFields(Buffer.from('X-Other: 1\n\nbody'))).toEqual({ messageId: null, subject: null, from: null, dateHeader: null });
    expect(decodeEncodedWords('=?x-unknown?B?YWJj?=')).toBe('=?x-unknown?B?YWJj?=');
    expect(decodeEncodedWords('=?Shift_JIS?B?g2WDWINn?=')).toBe('テスト');
  });
});

describe('MessageCollector', () => {
  it('keeps the bytes and their sha256 across chunks', () => {
    const collector = new MessageCollector(100);
    collector.push(Buffer.from('Subject: a\r\n\r\n'));
    collector.push(Buffer.from('body\r\n'));
    const message = collector.finish();
    expect(message.raw.toString()).toBe('Subject: a\r\n\r\nbody\r\n');
    expect(message.sha256).toBe(createHash('sha256').update('Subject: a\r\n\r\nbody\r\n').digest('hex'));
    expect(message).toMatchObject({ size: 20, subject: 'a' });
  });

  it('fills a buffer of the announced size, and copes with a server that announced too little or too much', () => {
    const body = 'Subject: sized\r\n\r\n0123456789\r\n';
    for (const announced of [body.length, 5, body.length + 100]) {
      const collector = new MessageCollector(1000, announced);
      for (let i = 0; i < body.length; i += 7) collector.push(Buffer.from(body.slice(i, i + 7)));
      const message = collector.finish();
      expect(message.raw.toString(), `announced ${announced}`).toBe(body);
      expect(message.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    }
  });

  it('drops everything once the message passes the limit, and keeps counting', () => {
    const collector = new MessageCollector(10);
    collector.push(Buffer.alloc(10));
    expect(collector.overflowed).toBe(false);
    collector.push(Buffer.alloc(5));
    collector.push(Buffer.alloc(5));
    expect(collector).toMatchObject({ overflowed: true, size: 20 });
    expect(() => collector.finish()).toThrow();
  });
});
