/**
 * Cost of the document limits (src/graphql/access/documentLimits.ts) on the request path:
 * every HTTP and WebSocket operation is lexed once more before graphql-js parses it.
 * Baseline: `parse()` alone; measured: the limit check followed by `parse()`, in the same
 * process, interleaved rounds, best of 5. Documents: a large client operation and the
 * introspection query a generated client sends.
 */
import { performance } from 'node:perf_hooks';
import { getIntrospectionQuery, parse } from 'graphql';
import { DEFAULT_DOCUMENT_LIMITS, documentLimitError } from '../../src/graphql/access/documentLimits.js';

const clientOperation = `query MailboxesWithMembers($first: Int, $after: String) {
  mailboxes(first: $first, after: $after) { edges { cursor node { number name address members(first: 50) { edges { node { roles user { id username displayName email } } } } } } pageInfo { hasNextPage endCursor } }
}`;
const documents = { 'client operation': clientOperation, introspection: getIntrospectionQuery({ descriptions: true }) };

const time = (fn: () => void, n: number): number => {
  const start = performance.now();
  for (let i = 0; i < n; i++) fn();
  return (performance.now() - start) / n;
};

const N = 20_000;
for (const [name, text] of Object.entries(documents)) {
  let base = Infinity;
  let checked = Infinity;
  for (let round = 0; round < 5; round++) {
    base = Math.min(base, time(() => parse(text, { maxTokens: DEFAULT_DOCUMENT_LIMITS.maxTokens }), N));
    checked = Math.min(checked, time(() => {
      if (documentLimitError(text) !== null) throw new Error('refused');
      parse(text, { maxTokens: DEFAULT_DOCUMENT_LIMITS.maxTokens });
    }, N));
  }
  process.stdout.write(`${name} (${text.length} chars): parse ${(base * 1000).toFixed(1)} µs, check+parse ${(checked * 1000).toFixed(1)} µs, ratio ${(checked / base).toFixed(2)}x\n`);
}
