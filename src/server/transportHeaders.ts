/** What HTTP and the WebSocket transport read alike from a caller's request. */
import type { IncomingMessage } from 'node:http';
import type { TransportInfo } from '../graphql/transportInfo.js';

export const normaliseIp = (ip: string | undefined): string => {
  if (!ip) return '';
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
};

export const bearerFrom = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const m = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return m ? m[1]! : null;
};

export const headerValue = (v: string | string[] | undefined): string | null => (Array.isArray(v) ? (v[0] ?? null) : (v ?? null));

/** What a plain HTTP request tells the context factory about its caller. */
export const httpTransportInfo =
  (clientAddressOf: (request: IncomingMessage) => string) =>
  (req: IncomingMessage): TransportInfo => ({
    transport: 'http',
    clientIp: clientAddressOf(req),
    headers: req.headers,
    bearerToken: bearerFrom(req.headers.authorization),
    correlationId: headerValue(req.headers['x-correlation-id']),
  });
