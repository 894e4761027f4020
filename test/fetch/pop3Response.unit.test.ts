import { describe, expect, it } from 'vitest';
import { DotDecoder, parseListingLine, parseStat, parseStatusLine, Pop3ProtocolError } from '../../src/mail/fetch/pop3/pop3Response.js';

describe('POP3 STAT', () => {
  it.each([
    ['2 320', { count: 2, octets: 320 }],
    ['0 0', { count: 0, octets: 0 }],
    ['1500000 99999999999', { count: 1_500_000, octets: 99_999_999_999 }],
    // RFC 1939 §5: servers may add text after the two numbers.
    ['1499999 12345 messages in maildrop', { count: 1_499_999, octets: 12_345 }],
  ])('parses "+OK %s"', (text, expected) => {
    expect(parseStat(text)).toEqual(expected);
  });

  it.each(['', 'two 320', '2', '-1 5', '2,320'])('rejects %j as PROTOCOL-worthy', (text) => {
    expect(() => parseStat(text)).toThrow(Pop3ProtocolError);
  });
});

describe('POP3 status lines and listings', () => {
  it('reads +OK, -ERR with an RFC 2449 response code, and refuses anything else', () => {
    expect(parseStatusLine('+OK Logged in.', 'PASS ***')).toEqual({ ok: true, text: 'Logged in.' });
    expect(parseStatusLine('-ERR [IN-USE] Mailbox is locked', 'PASS ***')).toEqual({
      ok: false,
      text: '[IN-USE] Mailbox is locked',
      responseCode: 'IN-USE',
    });
    expect(() => parseStatusLine('* OK IMAP ready', undefined)).toThrow(Pop3ProtocolError);
  });

  it('parses LIST and UIDL lines and rejects malformed ones', () => {
    expect(parseListingLine('3 27263290', 'LIST')).toEqual([3, '27263290']);
    expect(parseListingLine('1 000000016b091357', 'UIDL')).toEqual([1, '000000016b091357']);
    expect(() => parseListingLine('1 big', 'LIST')).toThrow(Pop3ProtocolError);
    expect(() => parseListingLine(`1 ${'x'.repeat(71)}`, 'UIDL')).toThrow(Pop3ProtocolError);
    expect(() => parseListingLine('garbage', 'UIDL')).toThrow(Pop3ProtocolError);
  });
});

describe('DotDecoder (RFC 1939 §3 byte-stuffing)', () => {
  const wire = 'Subject: x\r\n\r\n..leading dot\r\nmiddle . dot\r\n...\r\n.\r\n+OK next';
  const body = 'Subject: x\r\n\r\n.leading dot\r\nmiddle . dot\r\n..\r\n';

  const decode = (chunks: string[]) => {
    const out: Buffer[] = [];
    const decoder = new DotDecoder((c) => out.push(Buffer.from(c)));
    const rest: Buffer[] = [];
    for (const chunk of chunks) {
      const r = decoder.write(Buffer.from(chunk, 'latin1'));
      if (r !== null) rest.push(r);
    }
    return {
      body: Buffer.concat(out).toString('latin1'),
      rest: decoder.finished ? Buffer.concat(rest).toString('latin1') : undefined,
      finished: decoder.finished,
    };
  };

  it('unstuffs and stops at the terminator, handing back what follows', () => {
    expect(decode([wire])).toEqual({ body, rest: '+OK next', finished: true });
  });

  it('gives the same result for every split of the stream into two and three chunks', () => {
    for (let i = 0; i <= wire.length; i++) {
      expect(decode([wire.slice(0, i), wire.slice(i)]), `split at ${i}`).toEqual({ body, rest: '+OK next', finished: true });
      for (let j = i; j <= wire.length; j += 3) {
        expect(decode([wire.slice(0, i), wire.slice(i, j), wire.slice(j)]), `split at ${i},${j}`).toMatchObject({ body, finished: true });
      }
    }
  });

  it('handles a message that starts with a stuffed dot, an empty body, and bare LF line ends', () => {
    expect(decode(['..x\r\n.\r\n']).body).toBe('.x\r\n');
    expect(decode(['.\r\n'])).toMatchObject({ body: '', finished: true });
    expect(decode(['a\n..b\n.\n'])).toMatchObject({ body: 'a\n.b\n', finished: true });
  });

  it('is not finished before the terminator arrives', () => {
    expect(decode(['line\r\n', '.', '\r'])).toMatchObject({ body: 'line\r\n', finished: false });
  });
});
