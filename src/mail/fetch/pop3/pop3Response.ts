/**
 * Pure parsing for POP3 (RFC 1939, RFC 2449): status lines, STAT, scan listings and the
 * byte-stuffed multi-line body of RETR. No I/O here, so the edge cases are unit-tested.
 */

export class Pop3ProtocolError extends Error {
  constructor(
    message: string,
    readonly response: string,
    readonly command: string | undefined,
  ) {
    super(message);
    this.name = 'Pop3ProtocolError';
  }
}

/** A `-ERR` answer; classified by the command it answered (see classifyFetchError.ts). */
export class Pop3ErrorResponse extends Error {
  constructor(
    readonly response: string,
    readonly command: string,
    /** RFC 2449 extended response code, e.g. `AUTH`, `IN-USE`, `SYS/TEMP` (RFC 3206). */
    readonly responseCode: string | undefined,
  ) {
    super(`${command} failed: ${response}`);
    this.name = 'Pop3ErrorResponse';
  }
}

export type StatusLine = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly text: string; readonly responseCode: string | undefined };

export const parseStatusLine = (line: string, command: string | undefined): StatusLine => {
  if (line.startsWith('+OK')) return { ok: true, text: line.slice(3).trimStart() };
  if (line.startsWith('-ERR')) {
    const text = line.slice(4).trimStart();
    const code = /^\[([^\]]+)\]/.exec(text)?.[1];
    return { ok: false, text, responseCode: code };
  }
  throw new Pop3ProtocolError(`Expected +OK or -ERR, got ${JSON.stringify(line.slice(0, 80))}`, line, command);
};

export interface Stat {
  readonly count: number;
  readonly octets: number;
}

/** RFC 1939 §5: `+OK nn mm`; anything after the two numbers is allowed and ignored. */
export const parseStat = (text: string): Stat => {
  const match = /^(\d+)\s+(\d+)(?:\s|$)/.exec(text.trim());
  if (!match) throw new Pop3ProtocolError(`STAT answer is not "count octets": ${JSON.stringify(text)}`, `+OK ${text}`, 'STAT');
  return { count: Number(match[1]), octets: Number(match[2]) };
};

/** One line of a LIST (`msg octets`) or UIDL (`msg unique-id`) listing. */
export const parseListingLine = (line: string, command: 'LIST' | 'UIDL'): [number, string] => {
  const match = /^(\d+)\s+(\S+)/.exec(line);
  if (!match) throw new Pop3ProtocolError(`Malformed ${command} line ${JSON.stringify(line)}`, line, command);
  const value = match[2]!;
  if (command === 'LIST' && !/^\d+$/.test(value)) {
    throw new Pop3ProtocolError(`LIST size is not a number: ${JSON.stringify(line)}`, line, command);
  }
  // RFC 1939 §7: a unique-id is 1 to 70 characters in 0x21..0x7E.
  if (command === 'UIDL' && !/^[\x21-\x7e]{1,70}$/.test(value)) {
    throw new Pop3ProtocolError(`UIDL unique-id is not 1-70 printable characters: ${JSON.stringify(line)}`, line, command);
  }
  return [Number(match[1]), value];
};

const DOT = 0x2e;
const CR = 0x0d;
const LF = 0x0a;
const LF_DOT = Buffer.from('\n.');

/**
 * Streaming decoder of a multi-line response body (RFC 1939 §3): a line starting with "."
 * has it removed (byte-stuffing), and a line that is exactly "." ends the response. Works
 * on arbitrary chunk boundaries without copying the chunks; accepts bare LF line ends too.
 */
export class DotDecoder {
  private atLineStart = true;
  /** At most ".\r" held back until the next chunk decides what it is. */
  private pending: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(private readonly emit: (chunk: Buffer) => void) {}

  get finished(): boolean {
    return this.done;
  }

  /** Feeds bytes; returns whatever follows the terminator (the next response), or null. */
  write(input: Buffer): Buffer | null {
    if (this.done) return input;
    let buf = this.pending.length > 0 ? Buffer.concat([this.pending, input]) : input;
    this.pending = Buffer.alloc(0);
    for (;;) {
      const dot = this.nextLineStartDot(buf);
      if (dot < 0) {
        if (buf.length > 0) {
          this.emit(buf);
          this.atLineStart = buf[buf.length - 1] === LF;
        }
        return null;
      }
      if (dot > 0) this.emit(buf.subarray(0, dot));
      const after = buf.subarray(dot + 1);
      if (after.length === 0 || (after.length === 1 && after[0] === CR)) {
        this.pending = Buffer.from(buf.subarray(dot));
        this.atLineStart = true;
        return null;
      }
      if (after[0] === LF || (after[0] === CR && after[1] === LF)) {
        this.done = true;
        return after.subarray(after[0] === LF ? 1 : 2);
      }
      // A stuffed line: drop the dot, keep the rest of the line as content.
      this.atLineStart = false;
      buf = after;
    }
  }

  private nextLineStartDot(buf: Buffer): number {
    if (this.atLineStart && buf.length > 0 && buf[0] === DOT) return 0;
    const at = buf.indexOf(LF_DOT);
    return at < 0 ? -1 : at + 1;
  }
}
