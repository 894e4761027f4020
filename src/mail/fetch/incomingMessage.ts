/**
 * Collects one downloading message: hashes as it streams, refuses to hold more than the
 * size limit (a server may under-report RFC822.SIZE / LIST), and extracts the few header
 * fields the store indexes. A fetch holds message bytes only here and in the group
 * awaiting its commit (FetchRun.stage, bounded by FetchLimits.storeGroupBytes).
 */
import { createHash, type Hash } from 'node:crypto';

export interface MessageHeaderFields {
  readonly messageId: string | null;
  readonly subject: string | null;
  readonly from: string | null;
  readonly dateHeader: string | null;
}

export interface CollectedMessage extends MessageHeaderFields {
  readonly raw: Buffer;
  readonly size: number;
  readonly sha256: string;
}

export class MessageCollector {
  private readonly hash: Hash = createHash('sha256');
  private received = 0;
  /** Sized from the server's announced size, so the bytes are held once, not chunks plus a concatenated copy. */
  private whole: Buffer | null;
  private chunks: Buffer[] = [];

  constructor(
    private readonly maxBytes: number,
    expectedSize?: number,
  ) {
    this.whole = expectedSize !== undefined && expectedSize > 0 && expectedSize <= maxBytes ? Buffer.allocUnsafe(expectedSize) : null;
  }

  /** Octets seen so far, kept or not. */
  get size(): number {
    return this.received;
  }

  /** The message turned out larger than the limit; its bytes were dropped. */
  get overflowed(): boolean {
    return this.received > this.maxBytes;
  }

  push(chunk: Uint8Array): void {
    const offset = this.received;
    this.received += chunk.length;
    if (this.overflowed) {
      this.whole = null;
      this.chunks = [];
      return;
    }
    this.hash.update(chunk);
    if (this.whole && this.received <= this.whole.length) {
      this.whole.set(chunk, offset);
      return;
    }
    // The server under-announced the size: keep what is there and collect the rest.
    if (this.whole) {
      this.chunks.push(this.whole.subarray(0, offset));
      this.whole = null;
    }
    this.chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }

  finish(): CollectedMessage {
    if (this.overflowed) throw new Error('MessageCollector.finish() after overflow');
    const raw = this.whole
      ? this.whole.subarray(0, this.received)
      : this.chunks.length === 1
        ? this.chunks[0]!
        : Buffer.concat(this.chunks, this.received);
    return { raw, size: this.received, sha256: this.hash.digest('hex'), ...parseHeaderFields(raw) };
  }
}

// A header section larger than this is malformed or hostile; the fields stay null.
const MAX_HEADER_BYTES = 256 * 1024;

/** RFC 5322 §2.2: the header section ends at the first empty line; fields may be folded. */
export const parseHeaderFields = (raw: Uint8Array): MessageHeaderFields => {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, MAX_HEADER_BYTES));
  const end = headerEnd(bytes);
  // Raw 8-bit headers (RFC 6532 UTF-8, or a careless client's Shift_JIS) decode as UTF-8
  // with replacement characters; the raw bytes stay in the store untouched.
  const text = bytes.subarray(0, end).toString('utf8');
  const fields = new Map<string, string>();
  for (const unfolded of text.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = unfolded.indexOf(':');
    if (colon <= 0) continue;
    const name = unfolded.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, unfolded.slice(colon + 1).trim());
  }
  const value = (name: string) => {
    const v = fields.get(name);
    return v === undefined || v === '' ? null : v;
  };
  const subject = value('subject');
  const from = value('from');
  return {
    messageId: value('message-id'),
    subject: subject === null ? null : decodeEncodedWords(subject),
    from: from === null ? null : decodeEncodedWords(from),
    dateHeader: value('date'),
  };
};

const headerEnd = (bytes: Buffer): number => {
  const crlf = bytes.indexOf('\r\n\r\n');
  const lf = bytes.indexOf('\n\n');
  const candidates = [crlf, lf].filter((i) => i >= 0);
  return candidates.length === 0 ? bytes.length : Math.min(...candidates);
};

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/**
 * RFC 2047 encoded words, with any charset the runtime's TextDecoder knows (ISO-2022-JP,
 * Shift_JIS and EUC-JP are what Japanese mail uses). Whitespace between two adjacent
 * encoded words is dropped (§6.2); an unknown charset leaves the word as it was.
 */
export const decodeEncodedWords = (value: string): string =>
  value.replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)/g, '$1').replace(
    ENCODED_WORD,
    (word, charset: string, encoding: string, text: string) => {
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(
              text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              'latin1',
            );
      try {
        // RFC 2231 §5: `charset*language`.
        return new TextDecoder(charset.split('*')[0]!.toLowerCase()).decode(bytes);
      } catch {
        return word;
      }
    },
  );
