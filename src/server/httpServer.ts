import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { specifiedRules, type DocumentNode, type ExecutionArgs, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { WebSocket } from 'ws';
import { DEFAULT_DOCUMENT_LIMITS, documentLimitError, type DocumentLimits } from '../graphql/access/documentLimits.js';
import type { TransportInfo } from '../graphql/transportInfo.js';
import { attachGraphqlWs } from './graphqlWs.js';
import type { Logger } from './logger.js';
import { serveMetrics, type MetricsRender } from './metricsEndpoint.js';
import { bearerFrom, headerValue, normaliseIp } from './transportHeaders.js';

/** Answers a request it owns and returns true; false leaves it to the next route. */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse, path: string) => boolean;

export interface Readiness {
  readonly ready: boolean;
  readonly details: Record<string, unknown>;
}

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

/** An extra route, matched on its exact path before the 404 (e.g. the audit downloads, src/server/auditRoutes.ts). */
export interface PathRoute {
  readonly path: string;
  handle(req: IncomingMessage, res: ServerResponse, info: TransportInfo): Promise<void>;
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

class BodyTooLargeError extends Error {}

const readBody = (req: IncomingMessage, limit: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new BodyTooLargeError());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLargeError());
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

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
      // `no-store` (set below instead), but its per-field hook made Apollo wrap every
      // resolver: ~7% of a settings read's CPU (bench/README.md, issue #12).
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

  const httpInfo = (req: IncomingMessage): TransportInfo => ({
    transport: 'http',
    clientIp: clientAddressOf(req),
    headers: req.headers,
    bearerToken: bearerFrom(req.headers.authorization),
    correlationId: headerValue(req.headers['x-correlation-id']),
  });

  const handleGraphQL = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let body: unknown = undefined;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, options.maxRequestBytes);
      } catch (e) {
        if (e instanceof BodyTooLargeError) {
          return sendJson(res, 413, { errors: [{ message: `Request body larger than ${options.maxRequestBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
        }
        throw e;
      }
      const type = req.headers['content-type'] ?? '';
      if (type.includes('application/json')) {
        try {
          body = text.length ? JSON.parse(text) : undefined;
        } catch {
          return sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
      } else body = text;
    }
    // Checked here, before Apollo parses: a hook that throws inside Apollo's pipeline
    // becomes an INTERNAL error with an error-level log line.
    const source = req.method === 'POST' ? (body as { query?: unknown } | undefined)?.query : url.searchParams.get('query');
    if (typeof source === 'string') {
      const refusal = refuseDocument(source, 'http', clientAddressOf(req));
      if (refusal) return sendJson(res, 400, { errors: [options.formatError(refusal.toJSON(), refusal)] });
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    }
    const info = httpInfo(req);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => options.buildContext(info),
    });
    for (const [k, v] of response.headers) res.setHeader(k, v);
    // Answers are per caller and may carry settings: never stored by a cache (RFC 9111 §5.2.2.5).
    if (!response.headers.has('cache-control')) res.setHeader('cache-control', 'no-store');
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };

  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const run = async () => {
      if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (path === '/readyz') {
        const r = await options.readiness();
        return sendJson(res, r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not ready', ...r.details });
      }
      for (const route of options.routes ?? []) if (route(req, res, path!)) return;
      if (path === '/graphql') return handleGraphQL(req, res);
      if (path === '/metrics' && options.metrics) return serveMetrics(req, res, options.metrics, options.metricsToken ?? null);
      const pathRoute = options.pathRoutes?.find((r) => r.path === path);
      if (pathRoute) return pathRoute.handle(req, res, httpInfo(req));
      return sendJson(res, 404, { error: `No route for ${path}; the API is at /graphql` });
    };
    run().catch((err: unknown) => {
      logger.error({ err }, 'HTTP request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL' } }] });
      else res.destroy();
    });
  });

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
      // drainServer hook above that closes every WebSocket.
      await apollo.stop();
      await graphqlWs.close();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
};

export type { Socket };
