import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, Kind, visit, type DocumentNode, type ValidationContext, type ValidationRule } from 'graphql';

export interface OperationLimits {
  /** Nesting of selections. The deepest operation the API needs (a connection inside a connection) is 8. @default 12 */
  readonly maxDepth: number;
  /** Aliased fields per operation; aliases multiply work without growing the document much. @default 15 */
  readonly maxAliases: number;
  /**
   * graphql-armor cost: objects 2, scalars 1, each ×1.5 per level of depth. The largest
   * operation the clients use (mailboxes with members, test/operations) costs about
   * 10,000; the limit leaves room for richer screens and still refuses queries that are
   * mostly breadth. @default 50 000
   */
  readonly maxCost: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = { maxDepth: 12, maxAliases: 15, maxCost: 50_000 };

/**
 * Depth, alias and cost limits as graphql-js validation rules (graphql-armor), run by both
 * transports. The rules report through `reportError` instead of throwing: a throw escapes
 * `validate()` and graphql-ws would turn it into a dropped connection.
 */
export const operationLimitRules = (limits: OperationLimits = DEFAULT_OPERATION_LIMITS): ValidationRule[] => {
  const report = { propagateOnRejection: false, onReject: [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(error)] };
  return [
    maxDepthRule({ n: limits.maxDepth, ...report }),
    maxAliasesRule({ n: limits.maxAliases, ...report }),
    costLimitRule({ maxCost: limits.maxCost, ...report }),
  ] as ValidationRule[];
};

const selectsIntrospection = (document: DocumentNode): boolean => {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
};

/**
 * Introspection (`__schema`, `__type`; not `__typename`) only for authenticated callers:
 * the schema is documentation for clients of this server, not for scanners. Both appear
 * only on the query root, so refusing after execution (as the WebSocket path does)
 * never undoes a side effect.
 */
export const refuseAnonymousIntrospection = (document: DocumentNode, context: { readonly principal: unknown }): GraphQLError | null => {
  if (context.principal !== null && context.principal !== undefined) return null;
  if (!document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION) || !selectsIntrospection(document)) return null;
  return new GraphQLError('Introspection needs an authenticated caller (Authorization: Bearer …)', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
};
