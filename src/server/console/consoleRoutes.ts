import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpRoute } from '../httpRoutes.js';
import type { ConsoleConfig } from './consoleConfig.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/**
 * Strict policy: scripts and styles only from this origin (no inline script, no eval),
 * fonts and icons also as data: URLs (GraphiQL embeds its own), API calls to this origin
 * over HTTP and WebSocket, nothing framed, no form posts elsewhere.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const;

/** `dist/console` of this checkout, from src/server/console (tests) or dist/src/console (built). */
export const defaultConsoleAssetsDir = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return join(dir, 'dist', 'console');
};

interface Asset {
  readonly body: Buffer;
  readonly type: string;
}

const loadAssets = (dir: string): Map<string, Asset> | null => {
  const assets = new Map<string, Asset>();
  if (!existsSync(join(dir, 'index.html'))) return null;
  for (const name of readdirSync(join(dir, 'assets'))) {
    const type = CONTENT_TYPES[extname(name)];
    if (type) assets.set(name, { body: readFileSync(join(dir, 'assets', name)), type });
  }
  return assets;
};

const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, cache: string): void => {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': cache });
  res.end(body);
};

const redirect = (res: ServerResponse, to: string): void => {
  res.writeHead(302, { location: to, 'content-length': 0, 'cache-control': 'no-store' });
  res.end();
};

/** A browser navigating to /graphql (no query): it wants a page, not JSON. */
const isBrowserNavigation = (req: IncomingMessage): boolean =>
  req.method === 'GET' && (req.headers.accept ?? '').includes('text/html') && !(req.url ?? '').includes('?');

const escapeAttribute = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Serves the console built by `npm run build` (console/build.ts): `/console` (the page),
 * `/console/assets/*` (scripts, styles), `/` and a browser's GET of `/graphql` redirect to
 * it. The assets hold no data: everything the pages show comes through /graphql with the
 * logged-in session, so login, roles and the mailbox IP restriction apply as to any client.
 */
export const createConsoleRoute = (config: ConsoleConfig): HttpRoute => {
  const assetsDir = config.assetsDir ?? defaultConsoleAssetsDir();
  // Read once on first use (the build may finish after the server starts in development).
  let assets: Map<string, Asset> | null = null;
  let page: string | null = null;
  const ensureLoaded = (): boolean => {
    if (assets && page) return true;
    assets = loadAssets(assetsDir);
    if (!assets) return false;
    const settings = JSON.stringify({ explorer: config.explorer });
    page = readFileSync(join(assetsDir, 'index.html'), 'utf8').replace('%CONSOLE_SETTINGS%', escapeAttribute(settings));
    return true;
  };
  const hidden = (name: string): boolean => !config.explorer && /^explorer\./.test(name);

  return (req, res, path) => {
    if (!config.enabled) return false;
    if (path === '/' || (path === '/graphql' && isBrowserNavigation(req))) {
      redirect(res, '/console');
      return true;
    }
    if (path !== '/console' && path !== '/console/' && !path.startsWith('/console/assets/')) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed', 'no-store');
      return true;
    }
    if (!ensureLoaded()) {
      send(res, 503, 'text/plain; charset=utf-8', 'The console is not built: run `npm run build`.', 'no-store');
      return true;
    }
    if (!path.startsWith('/console/assets/')) {
      send(res, 200, 'text/html; charset=utf-8', page!, 'no-store');
      return true;
    }
    const name = path.slice('/console/assets/'.length);
    const asset = hidden(name) ? undefined : assets!.get(name);
    if (!asset) send(res, 404, 'text/plain; charset=utf-8', 'Not found', 'no-store');
    // Chunk names carry a content hash; the entries do not, so they are revalidated.
    else send(res, 200, asset.type, asset.body, name.startsWith('chunk-') ? 'public, max-age=31536000, immutable' : 'no-cache');
    return true;
  };
};
