import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AddReceiveAccountDocument, FetchReceiveAccountNowDocument, FetchStatusChangedDocument, ReceiveErrorsDocument } from '../generated/graphql.js';
import { postgresAvailable } from '../support/postgres.js';
import { loginAdmin, waitFor, type ServerProcess } from '../support/process/serverProcess.js';
import { twoInstancesOnPostgres } from '../support/process/twoInstances.js';
import { gql, subscribeQueued, wsClient } from '../support/server.js';

const enabled = await postgresAvailable();

/** A counter or gauge of an instance's /metrics, 0 when the series is absent. */
const metric = async (server: ServerProcess, series: string): Promise<number> => {
  const text = await (await fetch(server.url.replace(/\/graphql$/, '/metrics'))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.split(' ').pop()) : 0;
};

/** A loopback port nothing listens on: a fetch there fails at connect, a receive error without a mail server. */
const closedPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/**
 * Issue 21 for the two inbound feeds: `receiveErrors` (events) and `fetchStatusChanged`
 * (operational state) reach subscribers on the instance that did not fetch, through the
 * same fan-out as on the one that did: each instance builds a payload once per event,
 * however many of its subscribers watch the mailbox.
 */
describe.runIf(enabled)('receive errors and fetch status across server instances', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  twoInstancesOnPostgres((servers) => ([a, b] = servers));

  it('a failed fetch on A reaches three subscribers on B and one on A, each feed building one payload per event on each instance', async () => {
    const [tokenA, tokenB] = await Promise.all([loginAdmin(a), loginAdmin(b)]);
    const wsA = wsClient(a.wsUrl, tokenA);
    const wsB = wsClient(b.wsUrl, tokenB);
    try {
      const errorsB = [0, 1, 2].map(() => subscribeQueued(wsB, ReceiveErrorsDocument, { mailboxNumber: 1 }));
      const statusB = [0, 1, 2].map(() => subscribeQueued(wsB, FetchStatusChangedDocument, { mailboxNumber: 1 }));
      const errorsA = subscribeQueued(wsA, ReceiveErrorsDocument, { mailboxNumber: 1 });
      const statusA = subscribeQueued(wsA, FetchStatusChangedDocument, { mailboxNumber: 1 });
      for (const [server, n] of [[a, 1], [b, 3]] as const) {
        for (const feed of ['receive_errors', 'fetch_status']) {
          await waitFor(`${n} ${feed} subscriptions on ${server.name}`, async () => (await metric(server, `mailroom_subscriptions_open{feed="${feed}"}`)) === n);
        }
      }
      const built = async (server: ServerProcess) => ({
        errors: await metric(server, 'mailroom_subscription_payloads_built_total{feed="receive_errors"}'),
        status: await metric(server, 'mailroom_subscription_payloads_built_total{feed="fetch_status"}'),
      });
      const [beforeA, beforeB] = await Promise.all([built(a), built(b)]);

      const port = await closedPort();
      const added = await gql(
        a.url,
        AddReceiveAccountDocument,
        { input: { mailboxNumber: 1, displayName: 'Nobody home', protocol: 'IMAP', host: '127.0.0.1', port, encryption: 'NONE', username: 'nobody', password: 'nobody-secret' } },
        { token: tokenA },
      );
      expect(added.data?.addReceiveAccount.userErrors).toEqual([]);
      const accountId = added.data!.addReceiveAccount.account!.id;
      const failed = await gql(a.url, FetchReceiveAccountNowDocument, { input: { mailboxNumber: 1, accountId } }, { token: tokenA });
      expect(failed.data?.fetchReceiveAccountNow.error).not.toBeNull();
      const code = failed.data!.fetchReceiveAccountNow.error!.code;

      for (const feed of [...errorsB, errorsA]) {
        expect((await feed.next(15_000)).data?.receiveErrors).toMatchObject({ kind: 'RAISED', accountId, mailboxNumber: 1, code });
      }
      for (const feed of [...statusB, statusA]) {
        const states = [(await feed.next(15_000)).data!.fetchStatusChanged, (await feed.next(15_000)).data!.fetchStatusChanged];
        expect(states.map((s) => [s.accountId, s.state])).toEqual([
          [accountId, 'FETCHING'],
          [accountId, 'ERROR'],
        ]);
      }
      // One receive-error event and two status snapshots: one payload each per instance,
      // not one per subscriber (B has three of each).
      const [afterA, afterB] = await Promise.all([built(a), built(b)]);
      expect({ errors: afterB.errors - beforeB.errors, status: afterB.status - beforeB.status }).toEqual({ errors: 1, status: 2 });
      expect({ errors: afterA.errors - beforeA.errors, status: afterA.status - beforeA.status }).toEqual({ errors: 1, status: 2 });
      await new Promise((r) => setTimeout(r, 300));
      expect([...errorsB, ...statusB, errorsA, statusA].map((f) => f.pending())).toEqual(new Array(8).fill(0));
      for (const f of [...errorsB, ...statusB, errorsA, statusA]) f.dispose();
    } finally {
      await wsA.dispose();
      await wsB.dispose();
    }
  }, 120_000);
});
