import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConsoleConfig, type ConsoleConfig } from '../../src/server/console/consoleConfig.js';
import { createConsoleRoute } from '../../src/server/console/consoleRoutes.js';

const servers: Server[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A folder shaped like `npm run build`'s dist/console. */
const builtPages = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-console-unit-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<meta name="mailroom-console" content="%CONSOLE_SETTINGS%"><script type="module" src="/console/assets/app.js"></script>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(dir, 'assets', 'explorer.js'), 'export {};');
  writeFileSync(join(dir, 'assets', 'chunk-ABC.js'), 'export {};');
  return dir;
};

/** The route on a plain HTTP server; what it leaves gets 418 so the test sees it declined. */
const serve = async (config: ConsoleConfig): Promise<string> => {
  const route = createConsoleRoute(config);
  const server = createServer((req, res) => {
    if (!route(req, res, (req.url ?? '/').split('?')[0]!)) res.writeHead(418).end();
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const on = (assetsDir: string | null, explorer = true): ConsoleConfig => ({ enabled: true, explorer, assetsDir });

describe('console route', () => {
  it('serves the page with its settings in a meta tag (no inline script) and the security headers', async () => {
    const base = await serve(on(builtPages()));
    const res = await fetch(`${base}/console`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'self';/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('content="{&quot;explorer&quot;:true}"');
    const chunk = await fetch(`${base}/console/assets/chunk-ABC.js`);
    expect(chunk.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(chunk.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/console/assets/app.js`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('hides the explorer bundle when the explorer is off, and says so to the page', async () => {
    const base = await serve(on(builtPages(), false));
    expect((await fetch(`${base}/console/assets/explorer.js`)).status).toBe(404);
    expect(await (await fetch(`${base}/console`)).text()).toContain('{&quot;explorer&quot;:false}');
  });

  it('answers 503 with the fix while the pages are not built, 405 to writes, and leaves other paths and API clients alone', async () => {
    const base = await serve(on(join(tmpdir(), 'mailroom-console-never-built')));
    const missing = await fetch(`${base}/console`);
    expect(missing.status).toBe(503);
    expect(await missing.text()).toMatch(/npm run build/);
    expect((await fetch(`${base}/console`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/graphql`, { redirect: 'manual', headers: { accept: 'application/json' } })).status).toBe(418);
    expect((await fetch(`${base}/graphql?query={viewer{id}}`, { redirect: 'manual', headers: { accept: 'text/html' } })).status).toBe(418);
    expect((await fetch(`${base}/healthz`)).status).toBe(418);
  });

  it('is absent when MAILROOM_CONSOLE=false: no redirect, no page', async () => {
    const base = await serve({ enabled: false, explorer: true, assetsDir: builtPages() });
    expect((await fetch(`${base}/`, { redirect: 'manual' })).status).toBe(418);
    expect((await fetch(`${base}/console`)).status).toBe(418);
  });
});

describe('console config', () => {
  it('reads the switches and reports a value that is not a boolean', () => {
    const problems: string[] = [];
    expect(loadConsoleConfig({}, problems)).toEqual({ enabled: true, explorer: true, assetsDir: null });
    expect(loadConsoleConfig({ MAILROOM_CONSOLE_EXPLORER: 'off', MAILROOM_CONSOLE: 'yes' }, problems)).toMatchObject({ enabled: true, explorer: false });
    expect(problems).toEqual([]);
    loadConsoleConfig({ MAILROOM_CONSOLE_EXPLORER: 'maybe' }, problems);
    expect(problems).toEqual(['MAILROOM_CONSOLE_EXPLORER must be true or false, got "maybe"']);
  });
});
