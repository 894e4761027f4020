import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { fold } from '../../src/domain/shared/decider.js';
import { smtpSettingsDecider, smtpSettingsStreamId, type SmtpSettingsEvent } from '../../src/domain/outbound/index.js';
import { isMailroomError } from '../../src/domain/shared/errors.js';
import { loadOutboundRows } from '../../src/app/outbound/outboundReadModel.js';
import { TestMailReceipts } from '../../src/app/outbound/testMailReceipts.js';
import { postgresAvailable } from '../support/postgres.js';
import { selfSignedCertificate, startSmtpSink, type SmtpSink } from '../support/smtpSink.js';
import { createOutboundHarness, meta, type OutboundHarness } from './support/harness.js';

const pgAvailable = await postgresAvailable();
const certificate = selfSignedCertificate();

/** The verification columns of the read models say what the stream's state says, also after a rebuild. */
describe.each([
  { kind: 'sqlite' as const, enabled: true },
  { kind: 'postgres' as const, enabled: pgAvailable },
])('test mail verification read models on $kind', ({ kind, enabled }) => {
  let h: OutboundHarness;
  let sink: SmtpSink;
  beforeAll(async () => {
    if (!enabled) return;
    sink = await startSmtpSink({ tls: 'STARTTLS', certificate, users: { u: 'pw-1', shop: 'pw-2' } });
    h = await createOutboundHarness({ kind, transport: { extraCa: [certificate.cert] } });
  });
  afterAll(async () => {
    await h?.close();
    await sink?.close();
  });

  it.runIf(enabled)('confirmed, kept by a rename or a contact change, lapsed by a port change, the same after a rebuild', async () => {
    const { smtp, testMail } = h.outbound;
    const server = (name: string, port = sink.port, password: string | null = 'pw-1') => ({
      mailboxNumber: 1, name, host: '127.0.0.1', port, encryption: 'STARTTLS' as const, authMethod: 'PASSWORD' as const, user: 'u', password,
    });
    const relay = { mailboxNumber: 1, realAddress: 'shop@example.com', host: '127.0.0.1', port: sink.port, user: 'shop', password: 'pw-2' };
    const confirm = async (serverId: string, to: string) => {
      const outcome = await testMail.send(SYSTEM_ACTOR, { mailboxNumber: 1, serverId, to });
      expect(outcome).toMatchObject({ status: 'SENT', receipt: expect.stringMatching(/^tmr1\./) });
      await sink.next();
      await smtp.confirmTestMail(SYSTEM_ACTOR, { mailboxNumber: 1, serverId, testMailReceipt: outcome.receipt! }, meta());
      return outcome.messageId;
    };
    const kept = await smtp.addServer(SYSTEM_ACTOR, server('Kept'), meta());
    const lapsed = await smtp.addServer(SYSTEM_ACTOR, server('Lapsed'), meta());
    await smtp.configureRakutenRelay(SYSTEM_ACTOR, relay, meta());
    const keptId = await confirm(kept.serverId, 'a@example.net');
    await confirm(lapsed.serverId, 'b@example.net');
    const relayId = await confirm('rakuten-relay', 'buyer@pc.fw.rakuten.ne.jp');
    await smtp.changeServer(SYSTEM_ACTOR, { ...server('Kept, renamed', sink.port, null), serverId: kept.serverId }, meta());
    await smtp.changeServer(SYSTEM_ACTOR, { ...server('Lapsed', sink.port + 1, null), serverId: lapsed.serverId }, meta());
    await smtp.configureRakutenRelay(SYSTEM_ACTOR, { ...relay, contactAddress: 'contact@example.com', password: null }, meta());

    const check = async () => {
      const state = fold(smtpSettingsDecider.evolve, smtpSettingsDecider.initialState(), (await h.store.readStream(smtpSettingsStreamId(1))) as unknown as SmtpSettingsEvent[]);
      const rows = (await loadOutboundRows(h.db, [1])).get(1)!;
      for (const row of rows.servers) expect(row.verified_test_mail_id, row.name).toBe(state.verifications.get(row.server_id)?.testMailId ?? null);
      expect(rows.rakuten!.verified_test_mail_id).toBe(state.verifications.get('rakuten-relay')?.testMailId ?? null);
      return { state, rows };
    };
    const { state, rows } = await check();
    expect(state.verifications.get(kept.serverId)?.testMailId).toBe(keptId);
    expect(state.verifications.has(lapsed.serverId)).toBe(false);
    expect(rows.rakuten).toMatchObject({ verified_test_mail_id: relayId, verified_to: 'buyer@pc.fw.rakuten.ne.jp' });
    await h.runner.rebuild(['outbound.smtp']);
    await check();
  });

  it.runIf(enabled)('a receipt opens only for its own mailbox, untampered; a password ciphertext is no receipt', async () => {
    const receipts = new TestMailReceipts(h.vault);
    const claims = { mailboxNumber: 1, target: { kind: 'SAVED' as const, serverId: 's' }, testMailId: '<x@example.com>', to: 'a@example.net', testedAt: new Date().toISOString() };
    const sealed = await receipts.issue(claims, { host: 'h', port: 587, encryption: 'STARTTLS', auth: { method: 'PASSWORD', user: 'u', passwordCiphertext: 'c' } });
    expect(sealed).not.toContain('a@example.net');
    expect(await receipts.open(1, sealed)).toMatchObject({ ...claims, fingerprint: expect.any(String), salt: expect.any(String) });
    const refusal = async (mailboxNumber: number, value: string) => {
      try {
        await receipts.open(mailboxNumber, value);
        return 'opened';
      } catch (e) {
        return isMailroomError(e) ? `${e.code} ${e.fieldPath?.join('.')}` : String(e);
      }
    };
    const passwordCiphertext = await h.vault.encrypt('mailbox:1', 'a password');
    const tampered = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.slice(-1);
    for (const [n, value] of [[2, sealed], [1, tampered], [1, passwordCiphertext], [1, `tmr1.${passwordCiphertext}`]] as const) {
      expect(await refusal(n, value), value.slice(0, 20)).toBe('VALIDATION testMailReceipt');
    }
  });
});
