/**
 * Two real server processes on one PostgreSQL schema and one Dovecot: each receive account
 * is fetched by one instance at a time, a SIGKILLed instance's account is taken over once
 * its lease expires, every message is imported exactly once, and fetch status reaches
 * subscribers of the other instance.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddReceiveAccountDocument, FetchReceiveAccountNowDocument, FetchStatusChangedDocument } from '../generated/graphql.js';
import { dovecotAvailable, startDovecot, type Dovecot } from '../support/dovecot.js';
import { createTestSchema, postgresAvailable } from '../support/postgres.js';
import { loginAdmin, startServerProcess, waitFor, type ServerProcess } from '../support/process/serverProcess.js';
import { gql, subscribeQueued, wsClient } from '../support/server.js';

const dovecotOk = dovecotAvailable();
const pgOk = await postgresAvailable();

const LEASE_MS = 3000;
const BULK = 800;

const bulkMail = (i: number) =>
  [
    `From: sender${i}@example.org`,
    'To: bulk@example.com',
    `Subject: Bulk ${i}`,
    `Message-ID: <bulk-${i}@example.org>`,
    'Date: Mon, 1 Jan 2029 00:00:00 +0000',
    '',
    // A few KB each, so the run lasts long enough to be cut in the middle.
    ...Array.from({ length: 40 }, (_, n) => `line ${n} of message ${i} `.padEnd(76, '.')),
    '',
  ].join('\r\n');

interface RunInterval {
  readonly instance: string;
  readonly start: number;
  readonly end: number;
}

describe.runIf(dovecotOk && pgOk)('fetch leases across two server processes', () => {
  let dovecot: Dovecot;
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let sql: pg.Client;
  let a: ServerProcess;
  let b: ServerProcess;
  let token: string;
  const instanceIdOf = new Map<ServerProcess, string>();

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [{ name: 'bulk', password: 'bulk-secret' }, { name: 'live', password: 'live-secret' }, { name: 'waiter', password: 'waiter-secret' }] });
    schema = await createTestSchema();
    sql = new pg.Client({ connectionString: schema.url });
    await sql.connect();
    const env = {
      DATABASE_URL: schema.url,
      MAILROOM_MASTER_KEY: randomBytes(32).toString('base64'),
      MAILROOM_FETCH_ENABLED: 'true',
      MAILROOM_FETCH_LEASE_MS: String(LEASE_MS),
      // Polling leases; IDLE sessions across instances are imapIdle.e2e.test.ts's.
      MAILROOM_IDLE_MAX_CONNECTIONS: '0',
      MAILROOM_MAIL_CA_FILE: join(dovecot.dir, 'cert.pem'),
    };
    // One after the other: the first creates the schema and the administrator.
    a = await startServerProcess({ name: 'lease-a', env });
    b = await startServerProcess({ name: 'lease-b', env });
    for (const p of [a, b]) {
      const started = await waitFor(`${p.name}'s scheduler`, async () => p.logs().find((l) => l.msg === 'fetch scheduler started'));
      expect(started).toMatchObject({ leaseMs: LEASE_MS });
      instanceIdOf.set(p, String(started.instanceId));
    }
    expect(instanceIdOf.get(a)).not.toBe(instanceIdOf.get(b));
    token = await loginAdmin(a);
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await sql?.end();
    await schema?.drop();
    await dovecot?.stop();
  });

  const processOf = (instanceId: string): ServerProcess => [a, b].find((p) => instanceIdOf.get(p) === instanceId)!;

  /** Runs of the account on both instances, from their logs, by start: start to finish, or to the kill. */
  const runsOf = (accountId: string, killed?: { process: ServerProcess; at: number }): RunInterval[] => {
    const runs: RunInterval[] = [];
    for (const p of [a, b]) {
      let open: number | null = null;
      for (const r of p.logs().filter((l) => l.accountId === accountId && (l.msg === 'fetch run started' || l.msg === 'fetch run finished'))) {
        if (r.msg === 'fetch run started') {
          expect(open, `${p.name} started a second run of ${accountId} before the first finished`).toBeNull();
          open = Number(r.time);
        } else {
          expect(open).not.toBeNull();
          runs.push({ instance: p.name, start: open!, end: Number(r.time) });
          open = null;
        }
      }
      if (open !== null) {
        expect(killed?.process, `${p.name} has an unfinished run of ${accountId}`).toBe(p);
        runs.push({ instance: p.name, start: open, end: killed!.at });
      }
    }
    return runs.sort((x, y) => x.start - y.start);
  };

  const expectNoOverlap = (runs: readonly RunInterval[]) => {
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i]!.start, `run on ${runs[i]!.instance} started while the run on ${runs[i - 1]!.instance} was going`).toBeGreaterThanOrEqual(runs[i - 1]!.end);
    }
  };

  const addImapAccount = async (user: string, password: string): Promise<string> => {
    const added = await gql(
      a.url,
      AddReceiveAccountDocument,
      { input: { mailboxNumber: 1, displayName: user, protocol: 'IMAP', host: '127.0.0.1', port: dovecot.ports.imaps, encryption: 'SSL_TLS', username: user, password } },
      { token },
    );
    expect(added.data?.addReceiveAccount.userErrors).toEqual([]);
    return added.data!.addReceiveAccount.account!.id;
  };

  it('a subscriber on one instance sees the run on the other: FETCHING, then OK', async () => {
    for (let i = 0; i < 3; i++) dovecot.deliver('live', `Subject: live ${i}\r\nMessage-ID: <live-${i}@example.org>\r\n\r\nhello\r\n`);
    const clients = [wsClient(a.wsUrl, token), wsClient(b.wsUrl, token)];
    try {
      const subs = clients.map((c) => subscribeQueued(c, FetchStatusChangedDocument, { mailboxNumber: 1 }));
      // Let both subscriptions be registered before anything runs.
      await new Promise((r) => setTimeout(r, 500));
      const accountId = await addImapAccount('live', 'live-secret');
      const seen: string[][] = [[], []];
      await Promise.all(
        subs.map(async (sub, i) => {
          while (!seen[i]!.includes('OK')) {
            const status = (await sub.next(60_000)).data!.fetchStatusChanged;
            if (status.accountId === accountId) seen[i]!.push(status.state);
          }
        }),
      );
      // The finish is logged just after the OK is published.
      await waitFor('the run logged as finished', async () => [a, b].some((p) => p.logs().some((l) => l.accountId === accountId && l.msg === 'fetch run finished')));
      const runs = runsOf(accountId);
      expect(runs).toHaveLength(1);
      expect(seen).toEqual([
        ['FETCHING', 'OK'],
        ['FETCHING', 'OK'],
      ]);
      // The run happened on one of them; the other's subscriber got it over NOTIFY, once.
      const other = runs[0]!.instance === a.name ? 1 : 0;
      await new Promise((r) => setTimeout(r, 300));
      expect(subs[other]!.pending()).toBe(0);
      expect((await sql.query('select count(*)::int as n from messages where account_id = $1', [accountId])).rows[0].n).toBe(3);
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  }, 120_000);

  it('"fetch now" on the instance without the lease waits for the holder\'s run and reports its outcome, without a second run', async () => {
    for (let i = 0; i < 500; i++) dovecot.deliver('waiter', bulkMail(i));
    const accountId = await addImapAccount('waiter', 'waiter-secret');
    const holderId = await waitFor('the lease of the account', async () => (await sql.query<{ holder: string }>('select holder from fetch_leases where account_id = $1', [accountId])).rows[0]?.holder);
    const other = processOf(holderId) === a ? b : a;
    const answer = await gql(other.url, FetchReceiveAccountNowDocument, { input: { mailboxNumber: 1, accountId } }, { token });
    expect(answer.data?.fetchReceiveAccountNow).toMatchObject({ imported: 500, error: null, status: { state: 'OK', importedTotal: 500 } });
    await waitFor('the run logged as finished', async () => processOf(holderId).logs().some((l) => l.accountId === accountId && l.msg === 'fetch run finished'));
    const runs = runsOf(accountId);
    expect(runs.map((r) => r.instance)).toEqual([processOf(holderId).name]);
  }, 120_000);

  it('the holder is killed mid-run: the other takes over, runs never overlap, every message is imported once', async () => {
    for (let i = 0; i < BULK; i++) dovecot.deliver('bulk', bulkMail(i));
    const accountId = await addImapAccount('bulk', 'bulk-secret');
    const holderId = await waitFor('the lease of the bulk account', async () => {
      const row = (await sql.query<{ holder: string }>('select holder from fetch_leases where account_id = $1', [accountId])).rows[0];
      return row?.holder;
    });
    const holder = processOf(holderId);
    const survivor = holder === a ? b : a;
    const stored = async () => Number((await sql.query('select count(*)::int as n from messages where account_id = $1', [accountId])).rows[0].n);
    await waitFor('the first messages stored', async () => (await stored()) >= 20);

    const killedAt = Date.now();
    await holder.kill();
    const storedAtKill = await stored();
    expect(storedAtKill, 'the run was cut in the middle').toBeLessThan(BULK);

    // By the scheduler alone: the account's interval (5 minutes) is far longer than this wait.
    const takeover = await waitFor(
      'the survivor to take the account over',
      async () => survivor.logs().find((l) => l.accountId === accountId && l.msg === 'fetch run started'),
      LEASE_MS * 20,
      () => survivor.output.slice(-20).join('\n'),
    );
    expect(takeover.instanceId).toBe(instanceIdOf.get(survivor));
    await waitFor('the takeover run to finish', async () => survivor.logs().some((l) => l.accountId === accountId && l.msg === 'fetch run finished'), 120_000);

    const [takeoverFinished] = survivor.logs().filter((l) => l.accountId === accountId && l.msg === 'fetch run finished');
    expect(takeoverFinished).toMatchObject({ imported: BULK - storedAtKill, aborted: false });

    const counts = (
      await sql.query<{ n: number; keys: number; ids: number }>(
        'select count(*)::int as n, count(distinct source_key)::int as keys, count(distinct message_id)::int as ids from messages where account_id = $1',
        [accountId],
      )
    ).rows[0]!;
    expect(counts).toEqual({ n: BULK, keys: BULK, ids: BULK });
    const runs = runsOf(accountId, { process: holder, at: killedAt });
    expect(runs.map((r) => r.instance)).toEqual([holder.name, survivor.name]);
    expectNoOverlap(runs);
    expect((await sql.query('select running from receive_fetch_state where account_id = $1', [accountId])).rows).toEqual([{ running: 0 }]);
    await waitFor('the lease released', async () => (await sql.query('select 1 from fetch_leases where account_id = $1', [accountId])).rowCount === 0);
  }, 240_000);
});
