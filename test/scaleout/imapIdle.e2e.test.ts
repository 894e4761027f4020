/**
 * IMAP IDLE across two real server processes on one PostgreSQL schema (issue 15): each
 * account has exactly one IDLE connection, counted on Dovecot itself; the holder's IDLE
 * sessions move to the other instance within the lease time after a SIGKILL; mail that
 * arrives meanwhile is imported once; the per-instance cap makes the accounts beyond it
 * poll, and their status says so.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddReceiveAccountDocument } from '../generated/graphql.js';
import { dovecotAvailable, startDovecot, type Dovecot } from '../support/dovecot.js';
import { createTestSchema, postgresAvailable } from '../support/postgres.js';
import { loginAdmin, startServerProcess, waitFor, type ServerProcess } from '../support/process/serverProcess.js';
import { gql } from '../support/server.js';

const dovecotOk = dovecotAvailable();
const pgOk = await postgresAvailable();

const LEASE_MS = 3000;
const USERS = ['una', 'vic', 'wes'] as const;

describe.runIf(dovecotOk && pgOk)('IMAP IDLE across two server processes', () => {
  let dovecot: Dovecot;
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let sql: pg.Client;
  let a: ServerProcess;
  let b: ServerProcess;
  let token: string;
  const instanceIdOf = new Map<ServerProcess, string>();
  const accountOf = new Map<string, string>();

  beforeAll(async () => {
    dovecot = await startDovecot({ users: USERS.map((name) => ({ name, password: `${name}-secret` })) });
    schema = await createTestSchema();
    sql = new pg.Client({ connectionString: schema.url });
    await sql.connect();
    const env = {
      DATABASE_URL: schema.url,
      MAILROOM_MASTER_KEY: randomBytes(32).toString('base64'),
      MAILROOM_FETCH_ENABLED: 'true',
      MAILROOM_FETCH_LEASE_MS: String(LEASE_MS),
      // Two per instance: three accounts fit on two instances, not on one.
      MAILROOM_IDLE_MAX_CONNECTIONS: '2',
      MAILROOM_MAIL_CA_FILE: join(dovecot.dir, 'cert.pem'),
    };
    a = await startServerProcess({ name: 'idle-a', env });
    b = await startServerProcess({ name: 'idle-b', env });
    for (const p of [a, b]) {
      const started = await waitFor(`${p.name}'s scheduler`, async () => p.logs().find((l) => l.msg === 'fetch scheduler started'));
      instanceIdOf.set(p, String(started.instanceId));
    }
    token = await loginAdmin(a);
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await sql?.end();
    await schema?.drop();
    await dovecot?.stop();
  });

  const modes = async () =>
    (await sql.query<{ account_id: string; mode: string | null; mode_reason: string | null }>('select account_id, mode, mode_reason from receive_fetch_state order by account_id')).rows;
  const holders = async () => (await sql.query<{ account_id: string; holder: string }>('select account_id, holder from fetch_leases where expires_at >= $1', [new Date().toISOString()])).rows;
  const stored = async (accountId: string) => Number((await sql.query('select count(*)::int as n from messages where account_id = $1', [accountId])).rows[0].n);

  it('exactly one IDLE connection per account over both instances, counted on Dovecot', async () => {
    for (const user of USERS) {
      const added = await gql(
        a.url,
        AddReceiveAccountDocument,
        { input: { mailboxNumber: 1, displayName: user, protocol: 'IMAP', host: '127.0.0.1', port: dovecot.ports.imaps, encryption: 'SSL_TLS', username: user, password: `${user}-secret` } },
        { token },
      );
      expect(added.data?.addReceiveAccount.userErrors).toEqual([]);
      accountOf.set(user, added.data!.addReceiveAccount.account!.id);
    }
    await waitFor('every account idling', async () => ((await modes()).filter((m) => m.mode === 'IDLE').length === USERS.length ? true : undefined), 30_000);
    // Settled: a few lease periods later still one connection each, and one holder each.
    await new Promise((r) => setTimeout(r, LEASE_MS * 2));
    for (const user of USERS) expect(dovecot.sessions(user), user).toBe(1);
    const byHolder = new Map<string, number>();
    for (const h of await holders()) byHolder.set(h.holder, (byHolder.get(h.holder) ?? 0) + 1);
    expect([...byHolder.values()].sort()).toEqual([1, 2]);
    expect((await holders()).length).toBe(USERS.length);
  }, 120_000);

  it('the holder of two is killed: its accounts move within the lease time, one beyond the cap polls, mail is imported once', async () => {
    const held = await holders();
    const counts = new Map<string, string[]>();
    for (const h of held) counts.set(h.holder, [...(counts.get(h.holder) ?? []), h.account_id]);
    const [victimId, victimAccounts] = [...counts.entries()].find(([, ids]) => ids.length === 2)!;
    const victim = [a, b].find((p) => instanceIdOf.get(p) === victimId)!;
    const survivor = victim === a ? b : a;
    const survivorId = instanceIdOf.get(survivor)!;

    await victim.kill();
    // Mail for both moved accounts while nobody idles on them.
    for (const id of victimAccounts) {
      const user = [...accountOf].find(([, accountId]) => accountId === id)![0];
      dovecot.deliver(user, `Subject: during takeover\r\nMessage-ID: <takeover-${user}@example.org>\r\n\r\nhello\r\n`);
    }

    // The survivor can hold two: it already has one, so one moved account idles there and
    // the other is polled, saying why.
    let last: unknown = null;
    const settled = await waitFor(
      'the killed instance\'s accounts taken over',
      async () => {
        const rows = await modes();
        const all = await holders();
        last = { rows, all };
        const mine = all.filter((h) => h.holder === survivorId).map((h) => h.account_id);
        const idle = rows.filter((r) => r.mode === 'IDLE' && mine.includes(r.account_id)).length;
        const limited = rows.filter((r) => r.mode === 'POLLING' && r.mode_reason === 'IDLE_LIMIT').length;
        return idle === 2 && limited === 1 ? rows : undefined;
      },
      LEASE_MS * 10,
      () => JSON.stringify({ last, survivorId, logs: survivor.logs().filter((l) => l.accountId || Number(l.level) >= 40).map((l) => [l.time, String(l.accountId).slice(0, 4), l.msg, l.end, String(JSON.stringify(l.err)).slice(0, 300)]) }),
    );
    expect(settled).toHaveLength(3);
    // The one idling there by its first pass, the one beyond the cap by a poll at once (its IDLE holder is gone).
    for (const id of victimAccounts) await waitFor('the mail delivered during the takeover', async () => ((await stored(id)) === 1 ? true : undefined), 30_000);
    const sessions = USERS.map((u) => dovecot.sessions(u)).sort();
    // Two IDLE connections (the survivor's cap); the polled account has none between polls.
    expect(sessions).toEqual([0, 1, 1]);
    await new Promise((r) => setTimeout(r, 1000));
    for (const id of victimAccounts) expect(await stored(id)).toBe(1);
  }, 120_000);
});
