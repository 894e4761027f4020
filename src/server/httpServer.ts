import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { specifiedRules, type DocumentNode, type ExecutionArgs, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { WebSocket } from 'ws';
import { DEFAULT_DOCUMENT_LIMITS, documentLimitError, type DocumentLimits } from '../graphql/access/documentLimits.js';
import type { TransportInfo } from '../graphql/transportInfo.js';
import { startApollo } from './apolloServer.js';
import { createGraphqlHttpHandler } from './graphqlHttp.js';
import { attachGraphqlWs } from './graphqlWs.js';
import { createRequestRouter, type HttpRoute, type PathRoute, type Readiness } from './httpRoutes.js';
import type { Logger } from './logger.js';
import type { MetricsRender } from './metricsEndpoint.js';
import { httpTransportInfo, normaliseIp } from './transportHeaders.js';

export type { HttpRoute, PathRoute, Readiness };

export interface HttpServerOptions<TContext extends BaseContext> {
  readonly schema: GraphQLSchema;
  readonly logger: Logger;
  readonly buildContext: (info: TransportInfo) => Promise<TContext>;
  /**
   * Called once per WebSocket connection with its `connection_init`; returning false
   * refuses the connection (closed with 4403 Forbidden).
   */
  readonly acceptConnection?: (info: TransportInfo) => Promise<boolean>;
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  readonly readiness: () => Promise<Readiness>;
  readonly maxRequestBytes: number;
  readonly introspection: boolean;
  readonly plugins?: ApolloServerPlugin<TContext>[];
  /** The caller's address (e.g. honouring trusted proxies). @default the socket peer, see normaliseIp */
  readonly clientAddress?: (request: IncomingMessage) => string;
  /**
   * Slow clients: all request headers within `headersMs`, the whole request (headers and
   * body) within `requestMs`, else 408 and the connection is closed. Node's defaults (60 s,
   * 300 s) let a client hold a connection and a body buffer for minutes.
   */
  readonly timeouts?: { readonly headersMs: number; readonly requestMs: number };
  /** Token and nesting limits checked before parsing, on HTTP and WebSocket alike. @default DEFAULT_DOCUMENT_LIMITS */
  readonly documentLimits?: DocumentLimits;
  /** Validation rules added to graphql-js's own, on HTTP and WebSocket alike (depth, cost, aliases). */
  readonly validationRules?: readonly ValidationRule[];
  /** Refuses an operation once its context is known (e.g. introspection without authentication). */
  readonly refuseOperation?: (document: DocumentNode, context: TContext) => GraphQLError | null;
  /** Called when a WebSocket operation starts (Apollo plugins only see HTTP ones). */
  readonly onWebSocketOperation?: (args: ExecutionArgs) => void;
  /** Called with the (masked) errors of a WebSocket result that has any, for the operation log. */
  readonly onWebSocketErrors?: (args: ExecutionArgs, errors: readonly GraphQLFormattedError[]) => void;
  /** Prometheus exposition for `GET /metrics`; absent: no such route (e.g. served on its own port). */
  readonly metrics?: MetricsRender;
  /** Bearer token `/metrics` requires; null or absent: open. */
  readonly metricsToken?: string | null;
  /** Further routes (e.g. the console), tried in order before /graphql. */
  readonly routes?: readonly HttpRoute[];
  /** Routes matched on their exact path before the 404 (the audit downloads). */
  readonly pathRoutes?: readonly PathRoute[];
}

export interface RunningHttpServer {
  readonly server: Server;
  readonly url: string;
  readonly wsUrl: string;
  /** WebSocket connections currently open (for closing a locked user's sockets later). */
  readonly sockets: ReadonlySet<WebSocket>;
  /** Stop accepting, finish in-flight requests, close WebSockets. */
  stop(): Promise<void>;
}

/**
 * Node's HTTP server carrying Apollo Server (POST/GET /graphql), graphql-ws on the same
 * port and path, and the health endpoints. Apollo is driven through
 * `executeHTTPGraphQLRequest` directly, so no web framework sits in between.
 */
export const startHttpServer = async <TContext extends BaseContext>(
  options: HttpServerOptions<TContext>,
  listen: { port: number; host: string },
): Promise<RunningHttpServer> => {
  const { logger } = options;
  const timeouts = options.timeouts ?? { headersMs: 10_000, requestMs: 30_000 };
  const httpServer = createServer({
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    // Node checks the two timeouts only this often (default 30 s, which would add up to 30 s to each).
    connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(timeouts.headersMs / 2))),
  });
  const clientAddressOf = options.clientAddress ?? ((request: IncomingMessage) => normaliseIp(request.socket.remoteAddress));
  const maskErrors = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((e) => options.formatError(e.toJSON(), e));

  const documentLimits = options.documentLimits ?? DEFAULT_DOCUMENT_LIMITS;
  const validationRules = [...specifiedRules, ...(options.validationRules ?? [])];
  const refuseDocument = (source: string, transport: 'http' | 'ws', clientIp: string): GraphQLError | null => {
    const refusal = documentLimitError(source, documentLimits);
    if (refusal) logger.info({ transport, clientIp, errorCodes: [refusal.extensions.code], reason: refusal.message }, 'graphql document refused before parsing');
    return refusal;
  };

  const graphqlWs = attachGraphqlWs(httpServer, options, { clientAddressOf, refuseDocument, maskErrors, documentLimits, validationRules });

  const apollo = await startApollo(options, httpServer, graphqlWs, documentLimits);
  const transportInfo = httpTransportInfo(clientAddressOf);
  httpServer.on(
    'request',
    createRequestRouter({
      ...options,
      graphql: createGraphqlHttpHandler({ ...options, apollo, refuseDocument, transportInfo }),
      transportInfo,
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(listen.port, listen.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address === '::' ? '::1' : address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address;

  return {
    server: httpServer,
    url: `http://${host}:${address.port}/graphql`,
    wsUrl: `ws://${host}:${address.port}/graphql`,
    sockets: graphqlWs.sockets,
    stop: async () => {
      // Apollo's drain stops accepting, waits for in-flight requests, and runs the
      // drainServer hook (apolloServer.ts) that closes every WebSocket.
      await apollo.stop();
      await graphqlWs.close();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
};

export type { Socket };
