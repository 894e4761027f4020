/**
 * A small POP3 client (RFC 1939) with what the fetcher needs and nothing else: implicit
 * TLS, STLS (RFC 2595), USER/PASS, APOP, SASL XOAUTH2 (RFC 5034 AUTH), STAT, LIST,
 * UIDL, streaming RETR, DELE, QUIT.
 *
 * Why not `node-pop3` (0.11): it has no APOP and no STLS; RETR/TOP resolve to one string
 * (the whole message in memory, no size guard); it neither removes byte-stuffing nor finds
 * the "\r\n.\r\n" terminator when it is split across TCP chunks; and it parses one
 * response per 'data' event, so a status line and the next response in one chunk
 * desynchronise it. Each of those breaks a requirement here.
 *
 * RETR and DELE can be pipelined (RFC 2449 §6.6, when the server announces PIPELINING):
 * the answers are read in order, and while nobody reads, the socket is paused once
 * HIGH_WATER octets wait, so answers sent ahead stay in the kernel's socket buffers.
 */
import { createHash } from 'node:crypto';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { Pop3ClosedError, Pop3TimeoutError, tlsOptions, type Pop3ConnectOptions } from './pop3Connection.js';
export { Pop3ClosedError, Pop3TimeoutError, type Pop3ConnectOptions, type Pop3Security } from './pop3Connection.js';
import { DotDecoder, parseListingLine, parseStat, parseStatusLine, Pop3ErrorResponse, Pop3ProtocolError, type Stat } from './pop3Response.js';

// A status or listing line longer than this is not POP3 (RFC 2449 §4: 512 octets).
const MAX_LINE = 8192;
const EMPTY = Buffer.alloc(0);
/** Unread octets at which the socket is paused until someone reads again. */
const HIGH_WATER = 64 * 1024;

export class Pop3Client {
  private socket: Socket | TLSSocket;
  private buffer: Buffer = EMPTY;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private body: DotDecoder | null = null;
  private lastCommand: string | undefined;
  private received = 0;
  private greetingLine = '';
  /** RETRs sent whose answers are not read yet, oldest first. */
  private readonly outstanding: number[] = [];

  private constructor(
    socket: Socket | TLSSocket,
    private readonly options: Pop3ConnectOptions,
  ) {
    this.socket = socket;
    this.attach(socket);
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Connects, reads the greeting and, for `starttls`, upgrades with STLS. */
  static async connect(options: Pop3ConnectOptions): Promise<Pop3Client> {
    options.signal?.throwIfAborted();
    const socket =
      options.security === 'implicit'
        ? tlsConnect({ port: options.port, ...tlsOptions(options) })
        : netConnect({ host: options.host, port: options.port });
    const client = new Pop3Client(socket, options);
    try {
      await client.within(options.connectTimeoutMs, 'connect', () =>
        client.waitFor(socket, options.security === 'implicit' ? 'secureConnect' : 'connect'),
      );
      const greeting = await client.within(options.greetingTimeoutMs, 'greeting', () => client.readLine());
      const status = parseStatusLine(greeting, undefined);
      if (!status.ok) throw new Pop3ErrorResponse(greeting, 'greeting', status.responseCode);
      client.greetingLine = greeting;
      client.armIdleTimeout();
      if (options.security === 'starttls') await client.startTls();
      return client;
    } catch (e) {
      client.destroy();
      throw e;
    }
  }

  /** Bytes received so far (after TLS decryption). */
  get bytesRead(): number {
    return this.received;
  }

  /** False once the connection failed, closed, timed out or was aborted. */
  get usable(): boolean {
    return this.failure === null;
  }

  get greeting(): string {
    return this.greetingLine;
  }

  /** RFC 1939 §7: `<process-id.clock@hostname>` in the greeting enables APOP. */
  get apopTimestamp(): string | undefined {
    return /<[^<>\s]+@[^<>\s]+>/.exec(this.greetingLine)?.[0];
  }

  async loginUserPass(user: string, password: string): Promise<void> {
    await this.command(`USER ${user}`, 'USER');
    await this.command(`PASS ${password}`, 'PASS ***');
  }

  async loginApop(user: string, password: string): Promise<void> {
    const timestamp = this.apopTimestamp;
    if (!timestamp) {
      throw new Pop3ErrorResponse('the greeting carries no APOP timestamp', 'APOP', undefined);
    }
    const digest = createHash('md5').update(timestamp + password, 'utf8').digest('hex');
    await this.command(`APOP ${user} ${digest}`, 'APOP');
  }

  /** RFC 5034 AUTH with the XOAUTH2 mechanism (Google, Microsoft). */
  async loginXoauth2(user: string, accessToken: string): Promise<void> {
    const token = Buffer.from(`user=${user}\x01auth=Bearer ${accessToken}\x01\x01`).toString('base64');
    this.send('AUTH XOAUTH2', 'AUTH XOAUTH2');
    let line = await this.readLine();
    if (isContinuation(line)) {
      this.send(token, 'AUTH XOAUTH2 ***');
      line = await this.readLine();
      // On failure the server sends a base64 JSON error as a challenge and waits for an
      // empty response before its -ERR.
      if (isContinuation(line)) {
        this.send('', 'AUTH XOAUTH2 ***');
        line = await this.readLine();
      }
    }
    this.expectOk(line, 'AUTH XOAUTH2');
  }

  async stat(): Promise<Stat> {
    return parseStat(await this.command('STAT', 'STAT'));
  }

  /** Message number → size in octets. */
  async list(): Promise<Map<number, number>> {
    await this.command('LIST', 'LIST');
    const sizes = new Map<number, number>();
    for (const line of await this.readListing('LIST')) {
      const [n, size] = parseListingLine(line, 'LIST');
      sizes.set(n, Number(size));
    }
    return sizes;
  }

  /** Message number → unique-id. */
  async uidl(): Promise<Map<number, string>> {
    await this.command('UIDL', 'UIDL');
    const ids = new Map<number, string>();
    for (const line of await this.readListing('UIDL')) {
      const [n, id] = parseListingLine(line, 'UIDL');
      ids.set(n, id);
    }
    return ids;
  }

  /** RFC 2449 CAPA: the capability names (upper case); empty when the server has no CAPA. */
  async capabilities(): Promise<Set<string>> {
    this.send('CAPA', 'CAPA');
    const line = await this.readLine();
    if (!parseStatusLine(line, 'CAPA').ok) return new Set();
    return new Set((await this.readListing('CAPA')).map((l) => l.split(' ')[0]!.toUpperCase()));
  }

  /** RETRs sent whose answers are not read yet. */
  get pendingRetrs(): number {
    return this.outstanding.length;
  }

  /** Sends RETR without waiting; readRetr reads the answers in the order they were asked for. */
  sendRetr(messageNumber: number): void {
    this.send(`RETR ${messageNumber}`, `RETR ${messageNumber}`);
    this.outstanding.push(messageNumber);
  }

  /** Reads the answer to the oldest RETR sent, streaming the message (byte-stuffing removed) to `onChunk`. */
  async readRetr(onChunk: (chunk: Buffer) => void): Promise<void> {
    const messageNumber = this.outstanding.shift();
    if (messageNumber === undefined) throw new Error('readRetr without a RETR sent');
    this.expectOk(await this.readLine(), `RETR ${messageNumber}`);
    const decoder = new DotDecoder(onChunk);
    this.body = decoder;
    const pending = this.buffer;
    this.buffer = EMPTY;
    if (pending.length > 0) this.feedBody(pending);
    while (!decoder.finished) {
      if (this.failure) throw this.failure;
      await this.nextData();
    }
  }

  async dele(messageNumber: number): Promise<void> {
    await this.command(`DELE ${messageNumber}`, `DELE ${messageNumber}`);
  }

  /** DELE each, all sent at once when `pipelining`; every answer must be +OK. */
  async deleMany(messageNumbers: readonly number[], pipelining: boolean): Promise<void> {
    if (!pipelining) {
      for (const n of messageNumbers) await this.dele(n);
      return;
    }
    for (const n of messageNumbers) this.send(`DELE ${n}`, `DELE ${n}`);
    let failure: Error | null = null;
    for (const n of messageNumbers) {
      try {
        this.expectOk(await this.readLine(), `DELE ${n}`);
      } catch (e) {
        // Keep reading so the session stays in step; the first refusal is what counts.
        if (!(e instanceof Pop3ErrorResponse)) throw e;
        failure ??= e;
      }
    }
    if (failure) throw failure;
  }

  /** Reads and drops the answers to RETRs sent but not read, so the session can go on (DELE, QUIT). */
  async discardOutstanding(): Promise<void> {
    while (this.outstanding.length > 0) {
      try {
        await this.readRetr(() => {});
      } catch (e) {
        if (!(e instanceof Pop3ErrorResponse)) throw e;
      }
    }
  }

  /** Ends the session; the server commits the DELEs now (RFC 1939 §6 UPDATE state). */
  async quit(): Promise<void> {
    try {
      await this.command('QUIT', 'QUIT');
    } finally {
      this.destroy();
    }
  }

  /** Drops the connection without QUIT: the server discards this session's DELEs. */
  destroy(): void {
    this.options.signal?.removeEventListener('abort', this.onAbort);
    this.socket.destroy();
  }

  private async startTls(): Promise<void> {
    await this.command('STLS', 'STLS');
    // RFC 2595 §3.1 / CVE-2011-0411: anything the server sent after +OK arrived in
    // cleartext and must not be read as if it came over TLS.
    if (this.buffer.length > 0) {
      throw new Pop3ProtocolError('Data after the STLS answer, before the TLS handshake', this.buffer.toString('latin1', 0, 80), 'STLS');
    }
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('error');
    plain.removeAllListeners('close');
    plain.removeAllListeners('timeout');
    plain.setTimeout(0);
    const secure = tlsConnect({ socket: plain, ...tlsOptions(this.options) });
    this.socket = secure;
    this.attach(secure);
    await this.within(this.options.connectTimeoutMs, 'connect', () => this.waitFor(secure, 'secureConnect'));
    this.armIdleTimeout();
  }

  private async command(line: string, logged: string): Promise<string> {
    this.send(line, logged);
    return this.expectOk(await this.readLine(), logged);
  }

  private expectOk(line: string, logged: string): string {
    const status = parseStatusLine(line, logged);
    if (!status.ok) throw new Pop3ErrorResponse(line, logged, status.responseCode);
    return status.text;
  }

  private send(line: string, logged: string): void {
    if (this.failure) throw this.failure;
    // A CR or LF in a user name or password would smuggle a second command.
    if (/[\r\n]/.test(line)) throw new Pop3ProtocolError(`${logged}: a command may not contain CR or LF`, '', logged);
    this.lastCommand = logged;
    this.socket.write(`${line}\r\n`);
  }

  private async readListing(command: 'LIST' | 'UIDL' | 'CAPA'): Promise<string[]> {
    const lines: string[] = [];
    for (;;) {
      const line = await this.readLine();
      if (line === '.') return lines;
      // Listings are byte-stuffed like any multi-line answer, though a numeric line never starts with ".".
      lines.push(line.startsWith('.') ? line.slice(1) : line);
      if (lines.length > 10_000_000) throw new Pop3ProtocolError(`Endless ${command} listing`, line, command);
    }
  }

  private async readLine(): Promise<string> {
    for (;;) {
      const lf = this.buffer.indexOf(0x0a);
      if (lf >= 0) {
        const end = lf > 0 && this.buffer[lf - 1] === 0x0d ? lf - 1 : lf;
        const line = this.buffer.toString('utf8', 0, end);
        this.buffer = this.buffer.subarray(lf + 1);
        return line;
      }
      if (this.buffer.length > MAX_LINE) {
        throw new Pop3ProtocolError(`A response line longer than ${MAX_LINE} octets`, this.buffer.toString('latin1', 0, 80), this.lastCommand);
      }
      if (this.failure) throw this.failure;
      await this.nextData();
    }
  }

  private nextData(): Promise<void> {
    if (this.socket.isPaused()) this.socket.resume();
    return new Promise((resolve) => (this.wake = resolve));
  }

  private attach(socket: Socket | TLSSocket): void {
    socket.on('data', this.onData);
    socket.on('error', (e: Error) => this.fail(e));
    socket.on('close', () => this.fail(new Pop3ClosedError(this.lastCommand)));
  }

  /** Armed once greeted, so a server that never speaks reads as a greeting timeout. */
  private armIdleTimeout(): void {
    const socket = this.socket;
    socket.setTimeout(this.options.idleTimeoutMs, () => {
      this.fail(new Pop3TimeoutError('idle'));
      socket.destroy();
    });
  }

  private readonly onData = (chunk: Buffer): void => {
    this.received += chunk.length;
    if (this.body) this.feedBody(chunk);
    else this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    // Answers sent ahead (pipelined, or the next RETR while a message is being stored).
    if (this.buffer.length >= HIGH_WATER) this.socket.pause();
    this.notify();
  };

  private feedBody(chunk: Buffer): void {
    const rest = this.body!.write(chunk);
    if (rest !== null) {
      this.body = null;
      this.buffer = rest;
    }
  }

  private readonly onAbort = (): void => {
    this.fail(this.options.signal!.reason instanceof Error ? this.options.signal!.reason : new Error('aborted'));
    this.socket.destroy();
  };

  private fail(error: Error): void {
    this.failure ??= error;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private waitFor(socket: Socket | TLSSocket, event: 'connect' | 'secureConnect'): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      // Nothing else waits while connecting, so the wake slot is free to carry a failure.
      this.wake = () => reject(this.failure);
      socket.once(event, () => {
        this.wake = null;
        resolve();
      });
    });
  }

  private async within<T>(ms: number, phase: Pop3TimeoutError['phase'], work: () => Promise<T>): Promise<T> {
    const timer = setTimeout(() => {
      this.fail(new Pop3TimeoutError(phase));
      this.socket.destroy();
    }, ms);
    try {
      return await work();
    } finally {
      clearTimeout(timer);
    }
  }
}

/** RFC 5034 §4: a SASL continuation is "+" alone or "+ " and base64 — never "+OK". */
const isContinuation = (line: string): boolean => line === '+' || line.startsWith('+ ');
