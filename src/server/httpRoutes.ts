import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TransportInfo } from '../graphql/transportInfo.js';
import type { Logger } from './logger.js';
import { serveMetrics, type MetricsRender } from './metricsEndpoint.js';

/** Answers a request it owns and returns true; false leaves it to the next route. */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse, path: string) => boolean;

/** An extra route, matched on its exact path before the 404 (e.g. the audit downloads, src/server/auditRoutes.ts). */
export interface PathRoute {
  readonly path: string;
  handle(req: IncomingMessage, res: ServerResponse, info: TransportInfo): Promise<void>;
}

export interface Readiness {
  readonly ready: boolean;
  readonly details: Record<string, unknown>;
}

export const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

export interface RequestRouting {
  readonly logger: Logger;
  readonly readiness: () => Promise<Readiness>;
  /** Tried in order after the health endpoints, before /graphql (e.g. the console). */
  readonly routes?: readonly HttpRoute[];
  readonly graphql: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  readonly metrics?: MetricsRender;
  readonly metricsToken?: string | null;
  /** Matched on their exact path before the 404 (the audit downloads). */
  readonly pathRoutes?: readonly PathRoute[];
  readonly transportInfo: (req: IncomingMessage) => TransportInfo;
}

/**
 * Which handler answers a request, in this order: health (`/healthz`, `/readyz`), the extra
 * routes, `/graphql`, `/metrics`, the exact-path routes, else 404. A handler that throws is
 * logged and answered 500 (or the connection is dropped if the answer had begun).
 */
export const createRequestRouter = (routing: RequestRouting) => (req: IncomingMessage, res: ServerResponse): void => {
  const path = (req.url ?? '/').split('?')[0]!;
  const run = async () => {
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const r = await routing.readiness();
      return sendJson(res, r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not ready', ...r.details });
    }
    for (const route of routing.routes ?? []) if (route(req, res, path)) return;
    if (path === '/graphql') return routing.graphql(req, res);
    if (path === '/metrics' && routing.metrics) return serveMetrics(req, res, routing.metrics, routing.metricsToken ?? null);
    const pathRoute = routing.pathRoutes?.find((r) => r.path === path);
    if (pathRoute) return pathRoute.handle(req, res, routing.transportInfo(req));
    return sendJson(res, 404, { error: `No route for ${path}; the API is at /graphql` });
  };
  run().catch((err: unknown) => {
    routing.logger.error({ err }, 'HTTP request failed');
    if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL' } }] });
    else res.destroy();
  });
};
