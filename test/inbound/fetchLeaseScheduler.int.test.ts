import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import type { ReceiveAccountFields } from '../../src/app/inbound/receiveAccountService.js';
import { dovecotAvailable, startDovecot, type Dovecot } from '../support/dovecot.js';
import { postgresAvailable } from '../support/postgres.js';
import { createInboundHarness, meta, POLLING_ONLY, type InboundHarness } from './harness.js';

const dovecotOk = dovecotAvailable();
const pgAvailable = await postgresAvailable();

const LEASE_MS = 1000;
const mail = (n: number) => `Subject: Lease ${n}\r\nMessage-ID: <lease-${n}@example.org>\r\n\r\n${'x'.repeat(2000)}\r\n`;

/**
 * The scheduler's side of the leases on one instance, with another instance played by
 * writing its lease row directly (that instance's own code is the same FetchLeases).
 */
describe.each([
  { readDb: 'sqlite' as const, enabled: dovecotOk },
  { readDb: 'postgres' as const, enabled: dovecotOk && pgAvailable },
])('fetch scheduler with leases on $readDb', ({ readDb, enabled }) => {
  let dovecot: Dovecot;
  let h: InboundHarness;

  beforeAll(async () => {
    if (!enabled) return;
    dovecot = await startDovecot({ users: [{ name: 'carol', password: 'carol-secret' }, { name: 'dave', password: 'dave-secret' }] });
    h = await createInboundHarness({ readDb, env: { MAILROOM_FETCH_LEASE_MS: String(LEASE_MS), ...POLLING_ONLY }, module: { tls: { ca: dovecot.caCert }, instanceId: 'this-instance' } });
  });
  afterAll(async () => {
    await h?.close();
    await dovecot?.stop();
  });

  const account = (user: string): ReceiveAccountFields => ({
    displayName: user,
    protocol: 'IMAP',
    host: '127.0.0.1',
    port: dovecot.ports.imaps,
    encryption: 'SSL_TLS',
    username: user,
    password: `${user}-secret`,
  });
  const runState = async (id: string) => h.db.selectFrom('receive_fetch_state').selectAll().where('account_id', '=', id).executeTakeFirstOrThrow();
  const stored = async (id: string) => Number((await h.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).where('account_id', '=', id).executeTakeFirstOrThrow()).n);

  it.runIf(enabled)('a run cut off on another instance: left alone while its lease lives, due at once when it expires', async () => {
    dovecot.deliver('carol', mail(1));
    const id = (await h.services.receiveAccounts.add(SYSTEM_ACTOR, { mailboxNumber: 1, ...account('carol') }, meta())).accountId;
    const scheduler = h.services.scheduler;
    expect(await scheduler.runNow(1, id)).toMatchObject({ imported: 1, status: { state: 'OK' } });

    // One minute later another instance starts a run and dies in it: its flag and lease stay.
    h.clock.advance(60_000);
    const startedAt = h.clock.now().toISOString();
    await h.db.updateTable('receive_fetch_state').set({ running: 1, last_attempt_at: startedAt }).where('account_id', '=', id).execute();
    await h.db
      .insertInto('fetch_leases')
      .values({ account_id: id, holder: 'dead-instance', acquired_at: startedAt, expires_at: new Date(h.clock.now().getTime() + LEASE_MS).toISOString() })
      .execute();
    dovecot.deliver('carol', mail(2));

    await scheduler.tick();
    expect(scheduler.activeAccounts).toEqual([]);
    expect((await runState(id)).running).toBe(1);

    // Far within the account's interval, but the lease is gone: the interrupted run is taken over.
    h.clock.advance(LEASE_MS + 1);
    await scheduler.tick();
    expect(scheduler.activeAccounts).toEqual([id]);
    expect(await scheduler.runNow(1, id)).toMatchObject({ imported: 1, aborted: false, status: { state: 'OK', importedTotal: 2 } });
    expect(await h.db.selectFrom('fetch_leases').selectAll().where('account_id', '=', id).execute()).toEqual([]);

    // A finished run is not due again before the interval.
    await scheduler.tick();
    expect(scheduler.activeAccounts).toEqual([]);
    await h.services.receiveAccounts.delete(SYSTEM_ACTOR, { mailboxNumber: 1, accountId: id }, meta());
  });

  it.runIf(enabled)('a run whose lease another instance took aborts at its next renewal and leaves the run state to that instance', async () => {
    for (let i = 0; i < 1500; i++) dovecot.deliver('dave', mail(i));
    const id = (await h.services.receiveAccounts.add(SYSTEM_ACTOR, { mailboxNumber: 1, ...account('dave') }, meta())).accountId;
    const run = h.services.scheduler.runNow(1, id);
    while ((await stored(id)) < 20) await new Promise((r) => setTimeout(r, 20));
    // This instance stalled past expiry and another one took the account over.
    await h.db.updateTable('fetch_leases').set({ holder: 'usurper' }).where('account_id', '=', id).execute();
    const before = await runState(id);
    const result = await run;
    expect(result).toMatchObject({ aborted: true, failure: null });
    const count = await stored(id);
    expect(count).toBeLessThan(1500);
    // Nothing recorded over the new holder's run: still FETCHING, attempt unchanged, no finish.
    expect(await runState(id)).toEqual(before);
    expect(result.status?.state).toBe('FETCHING');
    expect((await h.db.selectFrom('fetch_leases').select('holder').where('account_id', '=', id).executeTakeFirst())?.holder).toBe('usurper');
    expect(await h.eventsOf('ReceiveErrorRaised')).toEqual([]);
    await h.db.deleteFrom('fetch_leases').where('account_id', '=', id).execute();
  });
});
