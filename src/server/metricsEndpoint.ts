import { timingSafeEqual, createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where `/metrics` is served and who may read it (MAILROOM_METRICS_*). */
export interface MetricsConfig {
  /** A separate listener for `/metrics` (and nothing else); null: served on the API port. */
  readonly port: number | null;
  readonly host: string;
  /** When set, scrapes must send `Authorization: Bearer <token>`; null: open. */
  readonly token: string | null;
}

type Env = Readonly<Record<string, string | undefined>>;

export const loadMetricsConfig = (env: Env, apiHost: string, problems: string[]): MetricsConfig => {
  const rawPort = env.MAILROOM_METRICS_PORT;
  let port: number | null = null;
  if (rawPort !== undefined && rawPort !== '') {
    const n = Number(rawPort);
    if (!Number.isInteger(n) || n < 0 || n > 65535) problems.push(`MAILROOM_METRICS_PORT must be an integer from 0 to 65535, got ${JSON.stringify(rawPort)}`);
    else port = n;
  }
  const token = env.MAILROOM_METRICS_TOKEN || null;
  // A scrape token is a bearer secret like an API token: short ones are guessable.
  if (token !== null && token.length < 16) problems.push(`MAILROOM_METRICS_TOKEN must have at least 16 characters, got ${token.length}`);
  return { port, host: env.MAILROOM_METRICS_HOST || apiHost, token };
};

export type MetricsRender = () => Promise<{ contentType: string; body: string }>;

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Whether a request may read the metrics. Compared as digests so the comparison takes the
 * same time whatever the length and content of the presented token.
 */
export const metricsAuthorized = (req: IncomingMessage, token: string | null): boolean => {
  if (token === null) return true;
  const m = /^Bearer\s+(\S+)$/i.exec((req.headers.authorization ?? '').trim());
  return m !== null && timingSafeEqual(digest(m[1]!), digest(token));
};

/** Answers one `/metrics` request: 401 with a challenge (RFC 6750 §3) without the token. */
export const serveMetrics = async (req: IncomingMessage, res: ServerResponse, render: MetricsRender, token: string | null): Promise<void> => {
  if (!metricsAuthorized(req, token)) {
    res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="mailroom-metrics"' });
    res.end('Metrics need Authorization: Bearer <MAILROOM_METRICS_TOKEN>\n');
    return;
  }
  const { contentType, body } = await render();
  res.writeHead(200, { 'content-type': contentType });
  res.end(body);
};

export interface RunningMetricsServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** The separate metrics listener: `/metrics` only, so the port can be opened to Prometheus alone. */
export const startMetricsServer = async (
  config: MetricsConfig & { readonly port: number },
  render: MetricsRender,
  onError: (err: unknown) => void,
): Promise<RunningMetricsServer> => {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('Only /metrics is served on this port\n');
    }
    serveMetrics(req, res, render, config.token).catch((err: unknown) => {
      onError(err);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address === '::' ? '::1' : address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
  return {
    url: `http://${host}:${address.port}/metrics`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())).then(() => server.closeAllConnections()),
  };
};
