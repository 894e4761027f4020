import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import { getOperationAST, type ExecutionArgs, type GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { GraphQLContext } from '../graphql/context.js';
import type { Logger } from './logger.js';
import type { AppMetrics, OperationType } from './metrics.js';

export interface OperationObserverOptions {
  readonly metrics: AppMetrics;
  readonly logger: Logger;
}

/** Neither variables nor the query text are logged: inputs carry passwords and tokens. */
interface OperationLogFields {
  readonly correlationId: string;
  readonly operation: string;
  readonly type: OperationType;
  readonly transport: 'http' | 'ws';
  readonly userId: string | null;
  readonly clientIp: string;
}

/**
 * The codes the client got: read from the formatted (masked) errors of the response, so an
 * UNAUTHENTICATED or NOT_FOUND answer is logged as such. The raw errors Apollo keeps carry
 * the code on their original error, not in `extensions`, and read as INTERNAL.
 */
const errorCodes = (errors: readonly (GraphQLError | GraphQLFormattedError)[] | undefined): string[] =>
  [...new Set((errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL')))];

const fieldsOf = (ctx: GraphQLContext, operation: string, type: OperationType): OperationLogFields => ({
  correlationId: ctx.correlationId,
  operation,
  type,
  transport: ctx.transport,
  userId: ctx.principal?.userId ?? null,
  clientIp: ctx.clientIp,
});

/**
 * One place that sees every GraphQL operation, for counting and logging it. Mutations are
 * logged at info (they change settings; the correlation id ties the line to the events they
 * appended), queries and subscriptions at debug.
 */
export const createOperationObserver = ({ metrics, logger }: OperationObserverOptions) => {
  const logLevel = (type: OperationType) => (type === 'mutation' ? 'info' : 'debug');

  const apolloPlugin: ApolloServerPlugin<GraphQLContext> = {
    async requestDidStart({ request, contextValue }) {
      const started = performance.now();
      let operation = request.operationName ?? 'anonymous';
      let type: OperationType = 'unknown';
      return {
        async didResolveOperation(rc) {
          operation = rc.operationName ?? 'anonymous';
          type = rc.operation?.operation ?? 'unknown';
        },
        async willSendResponse(rc) {
          // A document that parsed but failed validation still names its operation.
          if (type === 'unknown' && rc.document) operation = getOperationAST(rc.document, request.operationName)?.name?.value ?? operation;
          const seconds = (performance.now() - started) / 1000;
          const sent = rc.response.body.kind === 'single' ? rc.response.body.singleResult.errors : undefined;
          const errors = sent ?? rc.errors;
          const outcome = errors && errors.length > 0 ? 'error' : 'ok';
          metrics.recordOperation({ operation, type, transport: 'http', outcome, seconds });
          const fields = { ...fieldsOf(contextValue, operation, type), outcome, durationMs: Math.round(seconds * 1000), ...(outcome === 'error' ? { errorCodes: errorCodes(errors) } : {}) };
          logger[outcome === 'error' ? 'info' : logLevel(type)](fields, 'graphql operation');
        },
      };
    },
  };

  /**
   * For graphql-ws `onOperation`: counts the operation when it starts. A subscription's
   * duration is how long a client watched, not a latency, so none is observed here.
   */
  const observeWebSocketOperation = (args: ExecutionArgs): void => {
    const ast = getOperationAST(args.document, args.operationName);
    const operation = args.operationName ?? ast?.name?.value ?? 'anonymous';
    const type: OperationType = ast?.operation ?? 'unknown';
    metrics.recordOperation({ operation, type, transport: 'ws', outcome: 'ok' });
    logger[logLevel(type)](fieldsOf(args.contextValue as GraphQLContext, operation, type), 'graphql operation started');
  };

  /**
   * For graphql-ws results that carry errors (after masking): one line with the codes the
   * client got, like an HTTP operation that failed. Results without errors are not logged:
   * a subscription may deliver thousands.
   */
  const observeWebSocketErrors = (args: ExecutionArgs, errors: readonly GraphQLFormattedError[]): void => {
    const ast = getOperationAST(args.document, args.operationName);
    const operation = args.operationName ?? ast?.name?.value ?? 'anonymous';
    const type: OperationType = ast?.operation ?? 'unknown';
    logger.info({ ...fieldsOf(args.contextValue as GraphQLContext, operation, type), outcome: 'error', errorCodes: errorCodes(errors) }, 'graphql operation');
  };

  return { apolloPlugin, observeWebSocketOperation, observeWebSocketErrors };
};

/** What `createOperationObserver` builds: the Apollo plugin and the WebSocket hooks. */
export type OperationObserver = ReturnType<typeof createOperationObserver>;
