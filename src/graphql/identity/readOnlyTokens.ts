import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { forbidden } from '../../domain/shared/errors.js';
import type { Principal } from '../../app/auth/principal.js';

/**
 * A read-only API token runs queries and subscriptions only. Every field of the Mutation root
 * gets this check in front of its resolver, so it runs before any side effect, on HTTP and
 * WebSocket alike (graphql-ws's onOperation hook fires after execution has started, too late
 * for a mutation). Query fields are left unwrapped: no cost per resolved field.
 */
export const refuseReadOnlyMutations = (schema: GraphQLSchema): GraphQLSchema => {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context: { readonly principal?: Principal | null }, info) => {
      if (context.principal?.readOnly === true) throw forbidden(`This API token is read-only; ${info.fieldName} is a mutation`);
      return resolve(source, args, context, info);
    };
  }
  return schema;
};
