import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** A self-signed certificate for 127.0.0.1/localhost, made by openssl for this test run. */
export const selfSignedCertificate = (): { key: string; cert: string } => {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-cert-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export interface SinkMessage {
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  readonly user: string | null;
  /** The SASL mechanism the client logged in with; null: no AUTH. */
  readonly authMethod: string | null;
  readonly secure: boolean;
  readonly raw: Buffer;
}

export interface SmtpSink {
  readonly port: number;
  readonly messages: SinkMessage[];
  /** Resolves with the next message not taken yet. */
  next(timeoutMs?: number): Promise<SinkMessage>;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** NONE: plain SMTP without STARTTLS (the certificate is then not needed). */
  readonly tls: 'STARTTLS' | 'SMTPS' | 'NONE';
  readonly certificate?: { key: string; cert: string };
  /** username → password; AUTH is required when given, optional otherwise. */
  readonly users?: Readonly<Record<string, string>>;
  /** @default 0 (any free port) */
  readonly port?: number;
  readonly rejectRecipient?: (address: string) => boolean;
  /** Neither offer nor accept STARTTLS (a misconfigured server). */
  readonly hideStartTls?: boolean;
  /** The SASL mechanisms offered after EHLO; [] offers no AUTH at all. @default ['PLAIN', 'LOGIN'] */
  readonly authMethods?: readonly ('PLAIN' | 'LOGIN' | 'CRAM-MD5' | 'XOAUTH2')[];
  /**
   * XOAUTH2 bearer tokens are checked here by RFC 7662 introspection (the local OAuth 2.0
   * server): active, and issued to the user who logs in. AUTH is then required.
   */
  readonly introspectionUrl?: string;
}

const authFailed = () => Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 });

/** RFC 7662 §2: POST token=…; the answer says whether it is active and whose it is. */
const introspect = async (url: string, token: string): Promise<{ active: boolean; username?: string }> => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) });
  return (await res.json()) as { active: boolean; username?: string };
};

/** A real SMTP server (smtp-server) on 127.0.0.1 that keeps what it receives. */
export const startSmtpSink = async (options: SmtpSinkOptions): Promise<SmtpSink> => {
  const messages: SinkMessage[] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];
  const methods = new Map<string, string>();
  const serverOptions: SMTPServerOptions = {
    secure: options.tls === 'SMTPS',
    ...(options.certificate ? { key: options.certificate.key, cert: options.certificate.cert } : {}),
    ...(options.hideStartTls || options.tls === 'NONE' ? { hideSTARTTLS: true } : {}),
    // smtp-server reads an empty authMethods as its default; no AUTH means disabling the command.
    disabledCommands: [...(options.hideStartTls || options.tls === 'NONE' ? ['STARTTLS'] : []), ...(options.authMethods?.length === 0 ? ['AUTH'] : [])],
    authOptional: options.users === undefined && options.introspectionUrl === undefined,
    authMethods: [...(options.authMethods ?? ['PLAIN', 'LOGIN'])],
    logger: false,
    onAuth(auth, session, callback) {
      const ok = () => (methods.set(session.id, auth.method), callback(null, { user: auth.username }));
      if (auth.method === 'XOAUTH2') {
        if (!options.introspectionUrl || !auth.accessToken) return callback(authFailed());
        introspect(options.introspectionUrl, auth.accessToken).then(
          (answer) => (answer.active && answer.username === auth.username ? ok() : callback(authFailed())),
          () => callback(authFailed()),
        );
        return;
      }
      const expected = options.users?.[auth.username ?? ''];
      if (expected === undefined) return callback(authFailed());
      // CRAM-MD5 sends no password, only an HMAC of the challenge (RFC 2195).
      const valid = auth.method === 'CRAM-MD5' ? auth.validatePassword(expected) : auth.password === expected;
      return valid ? ok() : callback(authFailed());
    },
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipient?.(address.address)) return callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          user: (session.user as string | false | undefined) || null,
          authMethod: methods.get(session.id) ?? null,
          secure: session.secure,
          raw: Buffer.concat(chunks),
        });
        waiters.splice(0).forEach((w) => w());
        callback(null, `2.0.0 Ok: queued as SINK${messages.length}`);
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    messages,
    async next(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length <= taken) {
        if (Date.now() > deadline) throw new Error(`No mail arrived at the sink on port ${port} within ${timeoutMs} ms`);
        await new Promise<void>((r) => (waiters.push(r), setTimeout(r, 50)));
      }
      return messages[taken++]!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** Accepts TCP connections and never says a word: a server that times out. */
export const startSilentServer = async (): Promise<{ port: number; close(): Promise<void> }> => {
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise<void>((r) => (sockets.forEach((s) => s.destroy()), server.close(() => r()))),
  };
};
