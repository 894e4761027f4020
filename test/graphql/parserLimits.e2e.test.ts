import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailboxDocument } from '../generated/graphql.js';
import { createLogger } from '../../src/server/logger.js';
import { gql, startTestServer, wsClient, type TestServer } from '../support/server.js';

/** A POST of raw query text, as a scanner sends it (no typed document). */
const post = async (url: string, query: string): Promise<{ status: number; errors: { message: string; extensions?: { code?: string } }[] }> => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
  return { status: res.status, errors: body.errors ?? [] };
};

/** The errors of one operation over graphql-ws (an `error` message rejects the sink). */
const overWebSocket = async (client: ReturnType<typeof wsClient>, query: string): Promise<{ data?: unknown; errors: { message: string; extensions?: { code?: string } }[] }> =>
  new Promise((resolve) => {
    let data: unknown;
    client.subscribe(
      { query },
      {
        next: (v) => {
          data = v.data;
          if (v.errors) resolve({ data, errors: v.errors as never });
        },
        error: (e) => resolve({ errors: Array.isArray(e) ? e : [{ message: String((e as Error).message ?? e) }] }),
        complete: () => resolve({ data, errors: [] }),
      },
    );
  });

// 6 KB: the shape from issue #23 (a list literal nested 3,000 deep in an argument).
const deepList = `query Deep { mailbox(number: ${'['.repeat(3000)}1${']'.repeat(3000)}) { name } }`;
const manyTokens = `query Wide { ${'__typename '.repeat(6000)}}`;

describe('document limits before parsing, and no schema suggestions', () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ logger: createLogger('info', sink) });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers a list nested 3,000 deep with a coded 400 over HTTP, and logs no error', async () => {
    expect(deepList.length).toBeGreaterThan(6000);
    const res = await post(server.url, deepList);
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([
      { message: 'Document nests brackets more than 40 levels deep (at line 1, column 68); expected at most 40', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
    ]);
    const wide = await post(server.url, manyTokens);
    expect(wide.status).toBe(400);
    expect(wide.errors.map((e) => [e.extensions?.code, e.message])).toEqual([['GRAPHQL_PARSE_FAILED', 'Document has more than 5000 tokens; expected at most 5000']]);
    // Error level is 50 in pino; the refusal is an info line with its code.
    expect(lines.filter((l) => Number(l.level) >= 50)).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'graphql document refused before parsing', transport: 'http', errorCodes: ['GRAPHQL_PARSE_FAILED'] }));
    // A document within the limits is still served.
    expect((await gql(server.url, MailboxDocument, { number: 1 }, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('fails the operation, not the connection, over WebSocket', async () => {
    const client = wsClient(server.wsUrl, null);
    try {
      const deep = await overWebSocket(client, deepList);
      expect(deep.errors.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
      const wide = await overWebSocket(client, manyTokens);
      expect(wide.errors.map((e) => e.message)).toEqual(['Document has more than 5000 tokens; expected at most 5000']);
      const broken = await overWebSocket(client, '{ mailbox(number: 1) { name ');
      expect(broken.errors.map((e) => e.message)).toEqual(['Syntax Error: Expected Name, found <EOF>.']);
      // The same connection still runs operations.
      const ok = await overWebSocket(client, '{ __typename }');
      expect(ok).toEqual({ data: { __typename: 'Query' }, errors: [] });
    } finally {
      await client.dispose();
    }
    expect(lines.filter((l) => Number(l.level) >= 50)).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'graphql document refused before parsing', transport: 'ws' }));
  });

  it('gives no "Did you mean" to anyone outside development, over HTTP and WebSocket', async () => {
    const typo = '{ mailbx(number: 1) { name } }';
    const http = await post(server.url, typo);
    expect(http.errors.map((e) => e.message)).toEqual(['Cannot query field "mailbx" on type "Query".']);
    const client = wsClient(server.wsUrl, null);
    try {
      const ws = await overWebSocket(client, typo);
      expect(ws.errors.map((e) => e.message)).toEqual(['Cannot query field "mailbx" on type "Query".']);
    } finally {
      await client.dispose();
    }
  });
});

describe('suggestions in development', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { NODE_ENV: 'development' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('keeps graphql-js suggestions for developers', async () => {
    const http = await post(server.url, '{ mailbx(number: 1) { name } }');
    expect(http.errors[0]?.message).toContain('Did you mean "mailbox"');
  });
});
