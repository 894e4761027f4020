import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, isMailroomError } from '../domain/shared/errors.js';
import type { Logger } from 'pino';
import { withoutSuggestions } from './access/documentLimits.js';

/**
 * Known errors keep their message and stable code in `extensions.code`; anything else is
 * logged and, outside development, replaced by a generic message so internals (SQL,
 * stack traces, file paths) never reach clients.
 */
export const createFormatError =
  (options: { maskUnknown: boolean; logger: Logger; /** Drop graphql-js's "Did you mean …?" (outside development). @default maskUnknown */ hideSuggestions?: boolean }) =>
  (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let original = unwrapResolverError(error);
    // Apollo wraps validation errors (ValidationError) around graphql-js's own error as
    // `originalError`; look through such GraphQLError-in-GraphQLError layers.
    while (original instanceof GraphQLError && original.originalError instanceof GraphQLError) original = original.originalError;
    if (isMailroomError(original)) {
      return {
        message: original.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: original.code, ...(original.fieldPath.length ? { field: original.fieldPath } : {}) },
      };
    }
    // Errors raised by graphql-js itself (parse, validation, coercion) are about the
    // request and safe to show; Apollo already gave them a code.
    const isRequestError =
      original instanceof GraphQLError && original.originalError === undefined && formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR';
    if (isRequestError) return (options.hideSuggestions ?? options.maskUnknown) ? { ...formatted, message: withoutSuggestions(formatted.message) } : formatted;
    if (!options.maskUnknown) return formatted;
    options.logger.error({ err: original, path: formatted.path }, 'unexpected error in GraphQL operation');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL },
    };
  };
