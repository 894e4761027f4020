import { execute } from 'graphql';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { createContextFactory } from '../../src/graphql/context.js';
import { buildMailroomSchema } from '../../src/graphql/schema.js';
import { MailboxesWithMembersDocument } from '../generated/graphql.js';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/server.js';

class QueryCounter implements KyselyPlugin {
  readonly statements: string[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.statements.push(args.node.kind);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

describe('per-request DataLoaders', () => {
  let server: TestServer;
  const meta = { correlationId: 'seed' };

  beforeAll(async () => {
    server = await startTestServer();
    const { identity } = server.app.services;
    for (let n = 2; n <= 6; n++) {
      await identity.createMailbox(SYSTEM_ACTOR, { number: n, name: `Mailbox ${n}`, address: `m${n}@example.com` }, meta);
    }
    for (let u = 0; u < 6; u++) {
      const { userId } = await identity.createUser(
        SYSTEM_ACTOR,
        { username: `user${u}`, displayName: `User ${u}`, email: `u${u}@example.com`, password: `password-${u}-long` },
        meta,
      );
      // Every user in every mailbox: the nested query touches 6 mailboxes × 7 members.
      for (let n = 1; n <= 6; n++) await identity.addMember(SYSTEM_ACTOR, { mailboxNumber: n, userId }, meta);
    }
  });
  afterAll(async () => server?.stop());

  const runCounted = async (first: number) => {
    const counter = new QueryCounter();
    const db = server.app.services.db.withPlugin(counter);
    const context = await createContextFactory({ ...server.app.services, db }, db)({
      transport: 'http',
      clientIp: '127.0.0.1',
      headers: {},
      bearerToken: (await server.app.services.auth.login('admin', ADMIN_PASSWORD)).token,
      correlationId: null,
    });
    counter.statements.length = 0; // count only the operation, not authentication
    const result = await execute({ schema: await buildMailroomSchema(), document: MailboxesWithMembersDocument, variableValues: { first }, contextValue: context });
    expect(result.errors).toBeUndefined();
    return { result, queries: counter.statements.length };
  };

  it('answers mailboxes → members → user → permissions with a fixed number of SQL queries', async () => {
    const small = await runCounted(2);
    const large = await runCounted(6);
    const data = large.result.data as { mailboxes: { edges: { node: { members: { edges: unknown[] } } }[] } };
    expect(data.mailboxes.edges).toHaveLength(6);
    expect(data.mailboxes.edges.map((e) => e.node.members.edges.length)).toEqual([7, 6, 6, 6, 6, 6]);
    // mailboxes (1) + members and their roles (2) + users (1) + permissions (1); without
    // batching it would be 1 + 2·mailboxes + users + users.
    expect(large.queries).toBe(5);
    expect(small.queries).toBe(large.queries);
  });
});
