import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';

/**
 * What the transport knows about a caller before any GraphQL runs. Named by GraphQL, filled
 * in by the HTTP/WS server (src/server/httpServer.ts): the server depends on what GraphQL
 * asks of a transport, never the other way round.
 */
export interface TransportInfo {
  readonly transport: 'http' | 'ws';
  /** The socket's peer address (IPv4-mapped IPv6 is normalised to IPv4). */
  readonly clientIp: string;
  readonly headers: IncomingMessage['headers'];
  /** Bearer token from `Authorization` (HTTP) or from the `connection_init` payload (WS). */
  readonly bearerToken: string | null;
  /** Correlation id from `X-Correlation-Id`, or null. */
  readonly correlationId: string | null;
  /** The WebSocket of a `ws` caller, so access control can close it later. */
  readonly socket?: WebSocket;
}
