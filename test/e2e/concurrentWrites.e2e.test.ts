import 'reflect-metadata';
/**
 * A burst of writes to one stream (issue #23, item 5): 50 mutations on one mailbox at once
 * all land, on both stores, because commands on one stream queue in the instance; and
 * what a lost race says to users names no stream or revision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGED_CONCURRENTLY } from '../../src/eventstore/handleCommand.js';
import { ConcurrencyError, ErrorCode } from '../../src/domain/shared/errors.js';
import { toUserError } from '../../src/graphql/userErrors.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/server.js';

const pgAvailable = await postgresAvailable();

const post = async (url: string, query: string, variables: Record<string, unknown>, token?: string) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: Record<string, { userErrors?: { code: string; message: string }[] } & Record<string, unknown>>; errors?: unknown[] };
};

const RENAME = 'mutation($n: Int!, $name: String!) { renameMailbox(input: { number: $n, name: $name }) { userErrors { code message } mailbox { name } } }';

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('50 concurrent writes to one mailbox on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    if (!enabled) return;
    server = await startTestServer({ storage });
    const login = await post(server.url, 'mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token } }', { u: 'admin', p: ADMIN_PASSWORD });
    token = (login.data!.login as { token: string }).token;
    const created = await post(server.url, 'mutation { createMailbox(input: { number: 5, name: "Burst", address: "burst@example.com" }) { userErrors { code } } }', {}, token);
    expect(created.data!.createMailbox!.userErrors).toEqual([]);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.runIf(enabled)('all 50 succeed and each is in the stream', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => post(server.url, RENAME, { n: 5, name: `Burst ${i}` }, token)));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    expect(answers.flatMap((a) => a.data!.renameMailbox!.userErrors)).toEqual([]);
    const renamed = (await server.app.services.store.readStream('mailbox-5')).filter((e) => e.type === 'MailboxRenamed');
    expect(renamed).toHaveLength(50);
  });
});

describe('what a lost race says', () => {
  it('a conflict shown as a userError names no stream or revision', () => {
    const shown = toUserError(new ConcurrencyError('mailbox-5', '3', '4'));
    expect(shown).toMatchObject({ code: ErrorCode.CONCURRENCY, message: CHANGED_CONCURRENTLY });
    expect(shown.message).not.toMatch(/mailbox-5|revision|\b3\b|\b4\b/);
  });
});
