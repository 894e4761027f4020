import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { DocumentNode, GraphQLError, GraphQLFormattedError, GraphQLSchema, ValidationRule } from 'graphql';
import type { DocumentLimits } from '../graphql/access/documentLimits.js';
import type { AttachedGraphqlWs } from './graphqlWs.js';

/** The server options Apollo uses (documented on HttpServerOptions, which has them all). */
export interface ApolloOptions<TContext extends BaseContext> {
  readonly schema: GraphQLSchema;
  readonly introspection: boolean;
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  readonly validationRules?: readonly ValidationRule[];
  readonly refuseOperation?: (document: DocumentNode, context: TContext) => GraphQLError | null;
  readonly plugins?: ApolloServerPlugin<TContext>[];
}

/**
 * Apollo Server for the HTTP side, started. Its drain (on `stop()`) stops the HTTP server
 * accepting, waits for in-flight requests and disposes graphql-ws, so every WebSocket closes.
 */
export const startApollo = async <TContext extends BaseContext>(
  options: ApolloOptions<TContext>,
  httpServer: Server,
  graphqlWs: AttachedGraphqlWs,
  documentLimits: DocumentLimits,
): Promise<ApolloServer<TContext>> => {
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    introspection: options.introspection,
    formatError: options.formatError,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: documentLimits.maxTokens },
    // main.ts owns SIGTERM/SIGINT and stops Apollo through app.stop(). Apollo's own handler
    // (on outside NODE_ENV=test) re-raises the signal after stopping, which main.ts took for
    // a second signal and exited 1 before the graceful drain finished.
    stopOnTerminationSignals: false,
    validationRules: [...(options.validationRules ?? [])],
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's default landing page loads its scripts from a CDN; browsers get the console.
      ApolloServerPluginLandingPageDisabled(),
      // The schema has no cache hints, so Apollo's cache-control plugin only ever answered
      // `no-store` (set in graphqlHttp.ts instead), but its per-field hook made Apollo wrap
      // every resolver: ~7% of a settings read's CPU (bench/README.md, issue #12).
      ApolloServerPluginCacheControlDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await graphqlWs.dispose();
            },
          };
        },
      },
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ document, contextValue }) {
              const refusal = options.refuseOperation?.(document, contextValue);
              if (refusal) throw refusal;
            },
          };
        },
      },
      ...(options.plugins ?? []),
    ],
  });
  await apollo.start();
  return apollo;
};
