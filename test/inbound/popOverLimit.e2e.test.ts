import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddReceiveAccountDocument, FetchReceiveAccountNowDocument, LoginDocument, ReceiveSettingsDocument } from '../generated/graphql.js';
import { NoticeKind } from '../../src/mail/notices/notice.js';
import { dovecotAvailable, startDovecot, type Dovecot } from '../support/dovecot.js';
import { decodeMail } from '../support/mailText.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';
import { selfSignedCertificate, startSmtpSink, type SmtpSink } from '../support/smtpSink.js';

const dovecotOk = dovecotAvailable();

/**
 * The manual: a POP/APOP server holding 1,500,000 messages or more is not received from,
 * and the operations administrator is told. The suite does not hold 1.5 million maildir
 * files on every run: once, with POP_LIMIT_HELD=1500000 (the product limit, nothing
 * lowered), this test passed in 9 minutes on 2 shared cores (2.5 min writing the files,
 * 72 s for the test, 36 s of it Dovecot syncing the maildir before STAT answered, 5 min
 * removing them). By default the limit is lowered by the test-only
 * MAILROOM_TEST_POP_MESSAGE_LIMIT to a count the server really holds. Everything else is the product path: the running server, POP3 STAT
 * at Dovecot, the account's error status, and the notice delivered through the built-in
 * SMTP server to a real sink.
 */
const PRODUCT_LIMIT = 1_500_000;
/** POP_LIMIT_HELD=1500000 runs it against the product limit itself, lowering nothing (one-off, minutes). */
const HELD = Number(process.env.POP_LIMIT_HELD ?? 20_000);

describe.runIf(dovecotOk)(`POP3 over the message limit end to end (Dovecot holding ${HELD} messages, limit ${HELD})`, () => {
  let dovecot: Dovecot;
  let sink: SmtpSink;
  let server: TestServer;
  let dir: string;
  let token: string;
  let accountId: string;

  beforeAll(async () => {
    // At 1.5 million messages with the harness's defaults, Dovecot closed the first POP3
    // session after about 38 s, before STAT answered (the account showed CONNECTION, not
    // OVER_LIMIT); its pop3 process gets more address space than the default 256 MB here.
    const bigMaildir = HELD >= 1_000_000 ? 'service pop3 {\n  vsz_limit = 4G\n}\n' : '';
    dovecot = await startDovecot({ users: [{ name: 'hoarder', password: 'hoarder-secret' }], ...(bigMaildir ? { extraConfig: bigMaildir } : {}) });
    const started = Date.now();
    for (let i = 0; i < HELD; i++) dovecot.deliver('hoarder', `From: a@example.org\r\nSubject: kept ${i}\r\nMessage-ID: <kept${i}@example.org>\r\n\r\nBody ${i}\r\n`);
    if (HELD >= 100_000) console.log(`delivered ${HELD} messages in ${Date.now() - started} ms`);
    const certificate = selfSignedCertificate();
    dir = mkdtempSync(join(tmpdir(), 'mailroom-pop-limit-'));
    writeFileSync(join(dir, 'smtp-ca.pem'), certificate.cert);
    sink = await startSmtpSink({ tls: 'STARTTLS', certificate, users: { builtin: 'builtin-pw' } });
    server = await startTestServer({
      env: {
        ...(HELD < PRODUCT_LIMIT ? { MAILROOM_TEST_POP_MESSAGE_LIMIT: String(HELD) } : {}),
        MAILROOM_MAIL_CA_FILE: join(dovecot.dir, 'cert.pem'),
        MAILROOM_BUILTIN_SMTP_URL: `smtp://builtin:builtin-pw@127.0.0.1:${sink.port}`,
        MAILROOM_SMTP_CA_FILE: join(dir, 'smtp-ca.pem'),
      },
    });
    token = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
    const added = await gql(
      server.url,
      AddReceiveAccountDocument,
      {
        input: {
          mailboxNumber: 1,
          displayName: 'Hoarder POP',
          protocol: 'POP3',
          host: '127.0.0.1',
          port: dovecot.ports.pop3s,
          encryption: 'SSL_TLS',
          username: 'hoarder',
          password: 'hoarder-secret',
          errorNotificationAddress: 'alerts@example.com',
        },
      },
      { token },
    );
    expect(added.data?.addReceiveAccount.userErrors).toEqual([]);
    accountId = added.data!.addReceiveAccount.account!.id;
  }, 3_600_000);

  afterAll(async () => {
    if (HELD >= 1_000_000 && dovecot) console.log(dovecot.log().split('\n').slice(-15).join('\n'));
    await server?.stop();
    await sink?.close();
    await dovecot?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    // Removing a large maildir takes a while (minutes at 200,000 files and more).
  }, 3_600_000);

  const fetchNow = async () => (await gql(server.url, FetchReceiveAccountNowDocument, { input: { mailboxNumber: 1, accountId } }, { token })).data!.fetchReceiveAccountNow;
  const overLimitNotices = async () => (await server.app.services.notices.list({ mailboxNumber: 1 })).filter((n) => n.kind === NoticeKind.MAILBOX_OVER_LIMIT);

  it('refuses at STAT with OVER_LIMIT, downloads nothing, shows the error status, and sends one notice for the episode', async () => {
    const started = Date.now();
    const first = await fetchNow();
    if (HELD >= 100_000) console.log(`first STAT run over ${HELD} messages took ${Date.now() - started} ms`);
    expect(first).toMatchObject({ imported: 0, error: { code: 'OVER_LIMIT' }, status: { state: 'ERROR' } });
    expect(first.error!.message).toContain(`${HELD} messages`);
    const second = await fetchNow();
    expect(second).toMatchObject({ imported: 0, error: { code: 'OVER_LIMIT' }, status: { state: 'ERROR' } });
    expect(second.status!.consecutiveFailures).toBeGreaterThan(first.status!.consecutiveFailures);

    const settings = await gql(server.url, ReceiveSettingsDocument, { mailboxNumber: 1 }, { token });
    expect(settings.data?.receiveSettings.accounts[0]?.status).toMatchObject({ state: 'ERROR', lastError: { code: 'OVER_LIMIT', clearedAt: null } });
    expect(dovecot.messageFiles('hoarder')).toHaveLength(HELD);

    // The notice: recorded once for the episode, however many runs hit the limit, and delivered.
    const mail = await sink.next(30_000);
    expect(mail.rcptTo).toContain('alerts@example.com');
    expect(decodeMail(mail.raw).subject).toContain('OVER_LIMIT');
    expect(await overLimitNotices()).toHaveLength(1);
    await fetchNow();
    expect(await overLimitNotices()).toHaveLength(1);
    expect(sink.messages.filter((m) => decodeMail(m.raw).subject.includes('OVER_LIMIT'))).toHaveLength(1);
  }, 3_600_000);
});
