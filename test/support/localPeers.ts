/**
 * Local peers for trying Mailroom by hand (`npm run peers`) and for the README
 * walkthrough test: a private Dovecot (IMAP + POP3, user `demo`) holding one welcome
 * message, and an SMTP server that accepts mail for anyone after AUTH and prints it.
 * Both use self-signed certificates, written to one CA file the server can be told to
 * trust (MAILROOM_MAIL_CA_FILE, MAILROOM_SMTP_CA_FILE).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDovecot, type Dovecot } from './dovecot.js';
import { selfSignedCertificate, startSmtpSink, type SmtpSink } from './smtpSink.js';

export const PEER_USER = 'demo';
export const PEER_PASSWORD = 'demo-password';

export interface LocalPeers {
  readonly dovecot: Dovecot;
  readonly smtp: SmtpSink;
  /** Shell assignments (`export NAME=value` lines), also written to `<dir>/env`. */
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export const startLocalPeers = async (dir: string): Promise<LocalPeers> => {
  mkdirSync(dir, { recursive: true });
  const dovecot = await startDovecot({ users: [{ name: PEER_USER, password: PEER_PASSWORD }] });
  const certificate = selfSignedCertificate();
  const smtp = await startSmtpSink({ tls: 'STARTTLS', certificate, users: { [PEER_USER]: PEER_PASSWORD } });
  dovecot.deliver(
    PEER_USER,
    [
      'From: Mailroom peers <peers@example.com>',
      `To: ${PEER_USER}@example.com`,
      'Subject: Welcome to the local test mailbox',
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: <welcome.${Date.now()}@example.com>`,
      '',
      'This message waits in INBOX, unseen, for the first fetch.',
      '',
    ].join('\r\n'),
  );
  const caFile = resolve(join(dir, 'ca.pem'));
  writeFileSync(caFile, `${dovecot.caCert.trim()}\n${certificate.cert.trim()}\n`);
  const env = {
    IMAP_PORT: String(dovecot.ports.imap),
    POP3_PORT: String(dovecot.ports.pop3),
    SMTP_PORT: String(smtp.port),
    PEER_USER,
    PEER_PASSWORD,
    MAILROOM_MAIL_CA_FILE: caFile,
    MAILROOM_SMTP_CA_FILE: caFile,
    // The peers listen on loopback, which the egress policy refuses unless allowed.
    MAILROOM_EGRESS_ALLOW: '127.0.0.0/8,::1',
  };
  writeFileSync(join(dir, 'env'), Object.entries(env).map(([k, v]) => `export ${k}=${v}`).join('\n') + '\n');
  return {
    dovecot,
    smtp,
    env,
    stop: async () => {
      await smtp.close();
      await dovecot.stop();
    },
  };
};
