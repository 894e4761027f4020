import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoticeKind } from '../../src/mail/notices/notice.js';
import { decodeMail } from '../support/mailText.js';
import { selfSignedCertificate, startSmtpSink, type SmtpSink } from '../support/smtpSink.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('system notices through the running server', () => {
  let server: TestServer;
  let builtin: SmtpSink;
  let dir: string;

  beforeAll(async () => {
    const certificate = selfSignedCertificate();
    dir = mkdtempSync(join(tmpdir(), 'mailroom-notices-e2e-'));
    writeFileSync(join(dir, 'ca.pem'), certificate.cert);
    builtin = await startSmtpSink({ tls: 'STARTTLS', certificate, users: { builtin: 'builtin-pw' } });
    server = await startTestServer({
      env: { MAILROOM_BUILTIN_SMTP_URL: `smtp://builtin:builtin-pw@127.0.0.1:${builtin.port}`, MAILROOM_SMTP_CA_FILE: join(dir, 'ca.pem') },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await builtin?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('are recorded once and delivered through the mailbox route (built-in server) over STARTTLS', async () => {
    const notice = {
      mailboxNumber: 1,
      kind: NoticeKind.TEST,
      facts: { destinationName: null, sentAt: new Date('2026-11-27T00:00:00Z') },
      to: ['ops@example.com'],
      idempotencyKey: 'e2e-notice-1',
    };
    await server.app.services.notices.send(notice);
    await server.app.services.notices.send(notice);
    const mail = await builtin.next(10_000);
    expect(mail).toMatchObject({ mailFrom: 'mailbox1@example.com', rcptTo: ['ops@example.com'], user: 'builtin', secure: true });
    const raw = mail.raw.toString('utf8');
    expect(decodeMail(mail.raw).subject).toBe('[Mailroom] テスト通知');
    expect(raw).toMatch(/^Auto-Submitted: auto-generated/m);
    await new Promise((r) => setTimeout(r, 1500));
    expect(builtin.messages).toHaveLength(1);
    expect((await server.app.services.notices.list({ mailboxNumber: 1 }))[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });
});
