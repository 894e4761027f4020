/**
 * Reads the subject and text of a single-part text/plain message as a sink received it:
 * RFC 2047 encoded words in the subject, quoted-printable or base64 bodies (RFC 2045 §6),
 * UTF-8 only (what Mailroom sends). Enough for asserting notice texts, nothing more.
 */
export interface DecodedMail {
  readonly subject: string;
  readonly text: string;
}

const unfold = (headers: string): string => headers.replace(/\r?\n[ \t]+/g, ' ');

const header = (headers: string, name: string): string | null => {
  const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(headers);
  return m ? m[1]!.trim() : null;
};

const decodeQ = (text: string): Buffer => Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');

// RFC 2047 §6.2: whitespace between adjacent encoded words is dropped.
const decodeWords = (value: string): string =>
  value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_m, _charset: string, enc: string, text: string) =>
      (enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQ(text)).toString('utf8'),
    );

const decodeQuotedPrintable = (body: string): string =>
  Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');

export const decodeMail = (raw: Buffer | string): DecodedMail => {
  const source = typeof raw === 'string' ? raw : raw.toString('latin1');
  const split = source.search(/\r?\n\r?\n/);
  const headers = unfold(source.slice(0, split));
  const body = source.slice(split).replace(/^\r?\n\r?\n/, '');
  const encoding = (header(headers, 'Content-Transfer-Encoding') ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : Buffer.from(body, 'latin1').toString('utf8');
  return { subject: decodeWords(header(headers, 'Subject') ?? ''), text: text.replace(/\r\n/g, '\n') };
};
