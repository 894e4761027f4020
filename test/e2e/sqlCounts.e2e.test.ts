import 'reflect-metadata';
/**
 * What one request costs in SQL on the embedded store (issue #12), counted on the real
 * server's node:sqlite connections (bench/graphql/sqlCounter.ts wraps the prototypes
 * before the server opens its files): the outbound settings screen in at most 3
 * statements, a mutation in at most 2 read-model commits (it was 18, one per projection).
 * Counts, not times; averaged over several requests so a background statement (a poller)
 * landing in the window cannot fail it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSqlCounter, sqlCounts, sqlDelta } from '../../bench/graphql/sqlCounter.js';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/server.js';

installSqlCounter();

const MAILBOX = 7;
const ROUNDS = 10;

const call = async (url: string, query: string, variables: Record<string, unknown>, token?: string) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await res.json()) as { data?: Record<string, { userErrors?: unknown[] } & Record<string, unknown>>; errors?: unknown[] };
  expect(json.errors).toBeUndefined();
  const payload = Object.values(json.data ?? {})[0];
  expect(payload?.userErrors ?? []).toEqual([]);
  return json.data!;
};

const SETTINGS = `query($n: Int!) { outboundSettings(mailboxNumber: $n) {
  mailboxNumber defaultServerKinds
  smtpServers { id name host port passwordSet }
  routingRules { id position matchKind matchValue server { id name } }
  dkimSignatures { id name domain selector dnsRecord { name value } }
  dkimConditions { id fromAddress signature { id } }
  bounceDestination { kind address }
  warnings { code }
} }`;

const RENAME = 'mutation($n: Int!, $name: String!) { renameMailbox(input: { number: $n, name: $name }) { userErrors { code message } mailbox { name } } }';

describe('SQL per request on the embedded store', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { login } = await call(server.url, 'mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token userErrors { code } } }', { u: 'admin', p: ADMIN_PASSWORD });
    token = login!.token as string;
    await call(server.url, 'mutation($n: Int!) { createMailbox(input: { number: $n, name: "Counted", address: "counted@example.com" }) { userErrors { code message } } }', { n: MAILBOX }, token);
    const servers: string[] = [];
    for (let i = 0; i < 2; i++) {
      const d = await call(
        server.url,
        'mutation($i: AddSmtpServerInput!) { addSmtpServer(input: $i) { server { id } userErrors { code message } } }',
        { i: { mailboxNumber: MAILBOX, name: `Relay ${i}`, host: `smtp${i}.example.com`, port: 587, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: `user${i}`, password: `secret-${i}` } },
        token,
      );
      servers.push((d.addSmtpServer!.server as { id: string }).id);
    }
    for (let i = 0; i < 2; i++) {
      await call(
        server.url,
        'mutation($i: AddSmtpRoutingRuleInput!) { addSmtpRoutingRule(input: $i) { userErrors { code message } } }',
        { i: { mailboxNumber: MAILBOX, matchKind: 'DOMAIN', matchValue: `d${i}.example`, serverId: servers[i] } },
        token,
      );
    }
    await call(
      server.url,
      'mutation($i: AddDkimSignatureInput!) { addDkimSignature(input: $i) { userErrors { code message } } }',
      { i: { mailboxNumber: MAILBOX, name: 'Key', kind: 'AUTHOR', domain: 'signed.example', selector: 's1' } },
      token,
    );
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers the outbound settings screen in at most 3 SQL statements, none on the event store', async () => {
    const first = await call(server.url, SETTINGS, { n: MAILBOX }, token);
    const names = (first.outboundSettings as { smtpServers: { name: string }[] }).smtpServers.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Relay 0', 'Relay 1']));
    const before = sqlCounts();
    for (let i = 0; i < ROUNDS; i++) await call(server.url, SETTINGS, { n: MAILBOX }, token);
    expect(sqlDelta(before, 'readmodels.sqlite').statements / ROUNDS).toBeLessThanOrEqual(3);
    expect(sqlDelta(before, 'events.sqlite').statements).toBe(0);
  });

  it('commits a mutation with at most 2 read-model commits and one event-store commit', async () => {
    await call(server.url, RENAME, { n: MAILBOX, name: 'Warm' }, token);
    const before = sqlCounts();
    for (let i = 0; i < ROUNDS; i++) {
      const { renameMailbox } = await call(server.url, RENAME, { n: MAILBOX, name: `Counted ${i}` }, token);
      expect((renameMailbox!.mailbox as { name: string }).name).toBe(`Counted ${i}`);
    }
    expect(sqlDelta(before, 'readmodels.sqlite').commits / ROUNDS).toBeLessThanOrEqual(2);
    expect(sqlDelta(before, 'events.sqlite').commits).toBe(ROUNDS);
  });
});
