import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { MailroomError } from '../../src/domain/shared/errors.js';
import type { SmtpServerInput } from '../../src/app/outbound/smtpSettingsService.js';
import { createOutboundHarness, meta, type OutboundHarness } from './support/harness.js';
import { selfSignedCertificate, startSmtpSink, type SmtpSink } from '../support/smtpSink.js';

/**
 * The manual: the authentication method depends on the server. Each server here is a real
 * smtp-server sink offering exactly the mechanisms named, and the sink records the one the
 * client logged in with (or none).
 */
const certificate = selfSignedCertificate();
const USERS = { mech: 'mech-secret-1' };

describe('SMTP authentication: none, and the chosen password mechanism', () => {
  let h: OutboundHarness;
  let trustByIp: SmtpSink;
  let plainOnly: SmtpSink;
  let loginOnly: SmtpSink;
  let cramAndPlain: SmtpSink;

  const server = (name: string, sink: SmtpSink, auth: Pick<SmtpServerInput, 'authMethod' | 'user' | 'password' | 'passwordMechanism'>) =>
    h.outbound.smtp.addServer(SYSTEM_ACTOR, { mailboxNumber: 1, name, host: '127.0.0.1', port: sink.port, encryption: 'STARTTLS', ...auth }, meta());
  const testMail = (serverId: string) => h.outbound.testMail.send(SYSTEM_ACTOR, { mailboxNumber: 1, serverId, to: 'customer@example.net' });
  const password = (passwordMechanism: SmtpServerInput['passwordMechanism']) => ({ authMethod: 'PASSWORD' as const, user: 'mech', password: USERS.mech, passwordMechanism });

  beforeAll(async () => {
    [trustByIp, plainOnly, loginOnly, cramAndPlain] = await Promise.all([
      // A relay that trusts the connecting address: it offers no AUTH at all.
      startSmtpSink({ tls: 'STARTTLS', certificate, authMethods: [] }),
      startSmtpSink({ tls: 'STARTTLS', certificate, users: USERS, authMethods: ['PLAIN'] }),
      startSmtpSink({ tls: 'STARTTLS', certificate, users: USERS, authMethods: ['LOGIN'] }),
      startSmtpSink({ tls: 'STARTTLS', certificate, users: USERS, authMethods: ['CRAM-MD5', 'PLAIN'] }),
    ]);
    h = await createOutboundHarness({ transport: { extraCa: [certificate.cert], connectionTimeoutMs: 3000 } });
  });

  afterAll(async () => {
    await h?.close();
    await Promise.all([trustByIp, plainOnly, loginOnly, cramAndPlain].map((s) => s?.close()));
  });

  it('NONE sends without AUTH to a relay that offers none, and the server shows no user and no password', async () => {
    const { serverId } = await server('Office relay', trustByIp, { authMethod: 'NONE' });
    const outcome = await testMail(serverId);
    expect(outcome).toMatchObject({ status: 'SENT', error: null });
    expect(await trustByIp.next()).toMatchObject({ user: null, authMethod: null, secure: true, rcptTo: ['customer@example.net'] });
    const row = await h.db.selectFrom('outbound_smtp_servers').selectAll().where('server_id', '=', serverId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ auth_method: 'NONE', auth_user: '', password_ciphertext: null, password_mechanism: null });
  });

  it('NONE refuses a user or a password, and a password server refuses to go without one; nothing is stored', async () => {
    const before = (await h.db.selectFrom('outbound_smtp_servers').select('server_id').execute()).length;
    const refused = async (auth: Parameters<typeof server>[2], path: string) => {
      const error = await server(`Refused ${path}`, trustByIp, auth).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailroomError);
      expect((error as MailroomError).fieldPath).toEqual([path]);
    };
    await refused({ authMethod: 'NONE', user: 'someone' }, 'user');
    await refused({ authMethod: 'NONE', password: 'secret' }, 'password');
    await refused({ authMethod: 'NONE', passwordMechanism: 'PLAIN' }, 'passwordMechanism');
    await refused({ authMethod: 'PASSWORD', user: 'mech' }, 'password');
    expect((await h.db.selectFrom('outbound_smtp_servers').select('server_id').execute()).length).toBe(before);
  });

  it('PLAIN, LOGIN and CRAM-MD5 each log in with exactly that mechanism where the server offers it', async () => {
    for (const [mechanism, sink, wire] of [
      ['PLAIN', plainOnly, 'PLAIN'],
      ['LOGIN', loginOnly, 'LOGIN'],
      // The server offers CRAM-MD5 first and PLAIN too; the setting picks CRAM-MD5.
      ['CRAM_MD5', cramAndPlain, 'CRAM-MD5'],
    ] as const) {
      const { serverId } = await server(`Mechanism ${mechanism}`, sink, password(mechanism));
      expect(await testMail(serverId)).toMatchObject({ status: 'SENT', error: null });
      expect(await sink.next()).toMatchObject({ user: 'mech', authMethod: wire });
    }
    // The same server as PLAIN: the choice, not the server's order, decides.
    const { serverId } = await server('CRAM server as PLAIN', cramAndPlain, password('PLAIN'));
    await testMail(serverId);
    expect(await cramAndPlain.next()).toMatchObject({ authMethod: 'PLAIN' });
  });

  it('AUTO takes what the server offers (LOGIN at a LOGIN-only server): servers saved before mechanisms existed keep working', async () => {
    const { serverId } = await server('Automatic', loginOnly, password(null));
    expect(await testMail(serverId)).toMatchObject({ status: 'SENT' });
    expect(await loginOnly.next()).toMatchObject({ authMethod: 'LOGIN' });
    const row = await h.db.selectFrom('outbound_smtp_servers').selectAll().where('server_id', '=', serverId).executeTakeFirstOrThrow();
    expect(row.password_mechanism).toBe('AUTO');
  });

  it('a mechanism the server does not offer fails as EAUTHMECH with the server reply, and nothing is delivered', async () => {
    const cases = [
      ['CRAM_MD5', plainOnly, 'CRAM-MD5'],
      ['LOGIN', plainOnly, 'LOGIN'],
      // A relay without AUTH: the chosen mechanism is insisted on, not silently skipped.
      ['PLAIN', trustByIp, 'PLAIN'],
    ] as const;
    for (const [mechanism, sink, wire] of cases) {
      const before = sink.messages.length;
      const { serverId } = await server(`Not offered ${mechanism} ${sink.port}`, sink, password(mechanism));
      const outcome = await testMail(serverId);
      expect(outcome, JSON.stringify(outcome.error)).toMatchObject({ status: "FAILED", error: { code: "EAUTHMECH", command: `AUTH ${wire}` } });
      expect(outcome.error!.message).toContain(`does not offer AUTH ${wire}`);
      expect(outcome.error!.responseCode).toBeGreaterThanOrEqual(500);
      expect(sink.messages.length).toBe(before);
    }
  });

  it('a wrong password with CRAM-MD5 is EAUTH (the server checked the HMAC), not EAUTHMECH', async () => {
    const { serverId } = await server('CRAM wrong', cramAndPlain, { ...password('CRAM_MD5'), password: 'not-it' });
    expect(await testMail(serverId)).toMatchObject({ status: 'FAILED', error: { code: 'EAUTH', responseCode: 535, command: 'AUTH CRAM-MD5' } });
  });
});
