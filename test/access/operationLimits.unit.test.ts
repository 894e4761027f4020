import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, specifiedRules, validate } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPERATION_LIMITS, operationLimitRules, refuseAnonymousIntrospection } from '../../src/graphql/access/operationLimits.js';
import { buildMailroomSchema } from '../../src/graphql/schema.js';

let schema: Awaited<ReturnType<typeof buildMailroomSchema>>;
beforeAll(async () => {
  schema = await buildMailroomSchema();
});

const errorsOf = (query: string, limits = DEFAULT_OPERATION_LIMITS) =>
  validate(schema, parse(query), [...specifiedRules, ...operationLimitRules(limits)]).map((e) => e.message);

const nested = (levels: number): string => {
  // viewer → memberships → mailbox → members → edges → node → user → memberships → …
  const cycle = ['memberships', 'mailbox', 'members', 'edges', 'node', 'user'];
  const path: string[] = [];
  // viewer + path + leaf = levels
  for (let i = 0; path.length < levels - 2; i++) path.push(cycle[i % cycle.length]!);
  const leaf = (field: string) => (field === 'memberships' || field === 'node' ? 'roles' : field === 'mailbox' ? 'number' : field === 'members' ? 'pageInfo { hasNextPage }' : field === 'user' ? 'id' : 'cursor');
  let body = leaf(path.at(-1)!);
  for (let i = path.length - 1; i >= 0; i--) body = `${path[i]} { ${body} }`;
  return `query { viewer { ${body} } }`;
};

describe('operation limits', () => {
  it('lets every operation the clients use through', () => {
    const dir = join(process.cwd(), 'test/operations');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql'))) {
      expect(errorsOf(readFileSync(join(dir, file), 'utf8')), file).toEqual([]);
    }
  });

  it('refuses an operation nested deeper than the limit, counting through fragments', () => {
    expect(errorsOf(nested(12))).toEqual([]);
    expect(errorsOf(nested(13))).toEqual(['Syntax Error: Query depth limit of 12 exceeded, found 13.']);
    const viaFragment = `query { viewer { ...F } } fragment F on User { memberships { mailbox { members { edges { node { user { memberships { mailbox { members { edges { node { roles } } } } } } } } } } } }`;
    expect(errorsOf(viaFragment)[0]).toMatch(/depth limit of 12 exceeded/);
  });

  it('refuses too many aliases, but not __typename', () => {
    const aliases = (n: number) => `query { ${Array.from({ length: n }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`;
    expect(errorsOf(aliases(15))).toEqual([]);
    expect(errorsOf(aliases(16))[0]).toMatch(/Aliases limit of 15 exceeded, found 16/);
    expect(errorsOf(`query { ${Array.from({ length: 40 }, (_, i) => `t${i}: __typename`).join(' ')} }`)).toEqual([]);
  });

  it('refuses an operation over the cost limit', () => {
    const wide = `query { ${Array.from({ length: 15 }, (_, i) => `a${i}: mailboxes(first: 100) { edges { node { number name address members(first: 100) { edges { node { roles user { id username email displayName } } } } } } }`).join(' ')} }`;
    expect(errorsOf(wide, { ...DEFAULT_OPERATION_LIMITS, maxCost: 1000 })[0]).toMatch(/Query Cost limit of 1000 exceeded/);
  });

  it('refuses introspection to anonymous callers only; __typename is not introspection', () => {
    const schemaQuery = parse('query { __schema { queryType { name } } }');
    const typeQuery = parse('query Q { viewer { id } ... on Query { __type(name: "User") { name } } }');
    expect(refuseAnonymousIntrospection(schemaQuery, { principal: null })?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(refuseAnonymousIntrospection(typeQuery, { principal: null })).not.toBeNull();
    expect(refuseAnonymousIntrospection(schemaQuery, { principal: { userId: 'u' } })).toBeNull();
    expect(refuseAnonymousIntrospection(parse('query { __typename viewer { id } }'), { principal: null })).toBeNull();
  });
});
