import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { forbidden, validationError } from '../../src/domain/shared/errors.js';
import { createFormatError } from '../../src/graphql/formatError.js';
import { createLogger } from '../../src/server/logger.js';

const logger = createLogger('silent');
const asResolverError = (original: Error) => new GraphQLError(original.message, { path: ['mailbox'], originalError: original });

describe('formatError', () => {
  const production = createFormatError({ maskUnknown: true, logger });

  it('masks unexpected errors in production: no SQL, no stack, code INTERNAL', () => {
    const err = asResolverError(new Error('SQLITE_ERROR: no such table: mailboxes at /work/main/src/db.ts:12'));
    const out = production(err.toJSON(), err);
    expect(out).toEqual({ message: 'Internal server error', path: ['mailbox'], extensions: { code: 'INTERNAL' } });
  });

  it('keeps known errors with their stable code and field', () => {
    const err = asResolverError(validationError(['port'], 'Expected a port from 1 to 65535, got 0'));
    expect(production(err.toJSON(), err)).toMatchObject({
      message: 'Expected a port from 1 to 65535, got 0',
      extensions: { code: 'VALIDATION', field: ['port'] },
    });
    const denied = asResolverError(forbidden());
    expect(production(denied.toJSON(), denied).extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('keeps request errors from graphql-js itself (they describe the request)', () => {
    const err = new GraphQLError('Cannot query field "nope" on type "Query".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(production(err.toJSON(), err).message).toBe('Cannot query field "nope" on type "Query".');
  });

  it('shows unexpected errors in development', () => {
    const dev = createFormatError({ maskUnknown: false, logger });
    const err = asResolverError(new Error('boom'));
    expect(dev(err.toJSON(), err).message).toBe('boom');
  });
});
