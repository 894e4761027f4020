import type { IncomingMessage, Server } from 'node:http';
import type { BaseContext } from '@apollo/server';
import { GraphQLError, parse, validate, type DocumentNode, type ExecutionArgs, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DocumentLimits } from '../graphql/access/documentLimits.js';
import type { TransportInfo } from '../graphql/transportInfo.js';
import { DocumentCache } from './documentCache.js';
import { bearerFrom, headerValue } from './transportHeaders.js';

/** The server options the WebSocket side uses (documented on HttpServerOptions, which has them all). */
export interface GraphqlWsOptions<TContext extends BaseContext> {
  readonly schema: GraphQLSchema;
  readonly maxRequestBytes: number;
  readonly buildContext: (info: TransportInfo) => Promise<TContext>;
  readonly acceptConnection?: (info: TransportInfo) => Promise<boolean>;
  readonly refuseOperation?: (document: DocumentNode, context: TContext) => GraphQLError | null;
  readonly onWebSocketOperation?: (args: ExecutionArgs) => void;
  readonly onWebSocketErrors?: (args: ExecutionArgs, errors: readonly GraphQLFormattedError[]) => void;
}

/** What the WebSocket side shares with the HTTP side of the server: the same limits, masking and client address. */
export interface GraphqlWsShared {
  readonly clientAddressOf: (request: IncomingMessage) => string;
  readonly refuseDocument: (source: string, transport: 'http' | 'ws', clientIp: string) => GraphQLError | null;
  readonly maskErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
  readonly documentLimits: DocumentLimits;
  readonly validationRules: readonly ValidationRule[];
}

export interface AttachedGraphqlWs {
  /** WebSocket connections currently open. */
  readonly sockets: ReadonlySet<WebSocket>;
  /** graphql-ws's own shutdown (completes subscriptions); Apollo's drain calls it. */
  dispose(): Promise<void>;
  /** Terminates what is still open and closes the WebSocket server. */
  close(): Promise<void>;
}

/**
 * The graphql-ws adapter (subscriptions and operations over WebSocket, same port and path
 * as HTTP), kept apart from the HTTP core so each reads on its own.
 */
export const attachGraphqlWs = <TContext extends BaseContext>(
  httpServer: Server,
  options: GraphqlWsOptions<TContext>,
  shared: GraphqlWsShared,
): AttachedGraphqlWs => {
  const { clientAddressOf, refuseDocument, maskErrors, documentLimits, validationRules } = shared;
  const documents = new DocumentCache();
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: options.maxRequestBytes });
  const sockets = new Set<WebSocket>();
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const wsInfo = (request: IncomingMessage, payload: Record<string, unknown> | undefined, socket: WebSocket): TransportInfo => ({
    transport: 'ws',
    socket,
    clientIp: clientAddressOf(request),
    headers: request.headers,
    bearerToken:
      bearerFrom(payload?.authorization) ?? bearerFrom(payload?.Authorization) ??
      (typeof payload?.token === 'string' ? payload.token : null),
    correlationId: headerValue(request.headers['x-correlation-id']),
  });

  const wsCleanup = useServer<Record<string, unknown> | undefined, { info: TransportInfo }>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const info = wsInfo(ctx.extra.request, ctx.connectionParams, ctx.extra.socket);
        ctx.extra.info = info;
        return options.acceptConnection ? options.acceptConnection(info) : true;
      },
      context: (ctx) => options.buildContext(ctx.extra.info ?? wsInfo(ctx.extra.request, ctx.connectionParams, ctx.extra.socket)),
      // Parsed and validated here rather than by graphql-ws, whose parse has no limits and
      // whose parse errors close the whole connection (4500) instead of failing one operation.
      onSubscribe: (ctx, _id, payload) => {
        const refusal = refuseDocument(payload.query, 'ws', clientAddressOf(ctx.extra.request));
        if (refusal) return [refusal];
        let document = documents.get(payload.query);
        if (!document) {
          try {
            document = parse(payload.query, { maxTokens: documentLimits.maxTokens });
          } catch (error) {
            if (error instanceof GraphQLError) return [error];
            throw error;
          }
          const errors = validate(options.schema, document, validationRules);
          if (errors.length > 0) return [...errors];
          documents.set(payload.query, document);
        }
        return { schema: options.schema, document, operationName: payload.operationName ?? null, variableValues: payload.variables ?? null };
      },
      onOperation: (_ctx, _id, _payload, args, result) => {
        options.onWebSocketOperation?.(args);
        const refusal = options.refuseOperation?.(args.document, args.contextValue as TContext);
        if (!refusal) return undefined;
        if (Symbol.asyncIterator in result) void (result as AsyncGenerator).return?.(undefined);
        // onNext formats (masks) these like any other result errors.
        return { errors: [refusal] };
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors) return result;
        const masked = maskErrors(result.errors);
        options.onWebSocketErrors?.(args, masked);
        return { ...result, errors: masked as unknown as GraphQLError[] };
      },
      onError: (_ctx, _id, _payload, errors) => maskErrors(errors) as unknown as GraphQLError[],
    },
    wss,
  );

  return {
    sockets,
    dispose: async () => {
      await wsCleanup.dispose();
    },
    close: async () => {
      for (const s of sockets) s.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
};
