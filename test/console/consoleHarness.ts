import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildConsole } from '../../console/build.js';
import { LoginDocument } from '../generated/graphql.js';
import { guardPage, launchChromium } from '../support/browser.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';

/** The browser and the server share two cores with other suites: waits are generous (never a timing assertion). */
export const POLL = { timeout: 15_000, interval: 100 } as const;

export interface ConsoleHarness {
  readonly server: TestServer;
  readonly browser: Browser;
  /** The console's origin, e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  /** A session token for driving the API beside the browser. */
  readonly adminToken: string;
  /** A fresh page, guarded (see guardPage), logged in through the login form (as admin unless `as` says otherwise). */
  loggedInPage(hash?: string, as?: { username: string; password: string }): Promise<{ page: Page; problems: () => readonly string[] }>;
  stop(): Promise<void>;
}

/** A loopback port nothing listens on (bound, then released): connecting is refused. */
export const closedPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

export const loginToken = async (url: string, username: string, password: string): Promise<string> => {
  const res = await gql(url, LoginDocument, { input: { username, password } });
  const token = res.data?.login.token;
  if (!token) throw new Error(`login failed: ${JSON.stringify(res)}`);
  return token;
};

/** Builds the pages (esbuild, as `npm run build` does), starts the real server and chromium. */
export const startConsoleHarness = async (env: Record<string, string> = {}): Promise<ConsoleHarness> => {
  // Each suite builds into its own folder: suites run in parallel, and `npm run build`'s
  // dist/console is left alone.
  const assetsDir = mkdtempSync(join(tmpdir(), 'mailroom-console-'));
  await buildConsole(assetsDir);
  const server = await startTestServer({ env: { MAILROOM_CONSOLE_ASSETS_DIR: assetsDir, ...env } });
  const browser = await launchChromium();
  const origin = new URL(server.url).origin;
  const adminToken = await loginToken(server.url, 'admin', ADMIN_PASSWORD);
  const pages: Page[] = [];
  return {
    server,
    browser,
    origin,
    adminToken,
    loggedInPage: async (hash = '', as = { username: 'admin', password: ADMIN_PASSWORD }) => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      pages.push(page);
      const guard = await guardPage(page);
      await page.goto(`${origin}/console${hash}`);
      await page.getByLabel(/User name/).fill(as.username);
      await page.getByLabel(/Password/).fill(as.password);
      await page.getByRole('button', { name: /Log in/ }).click();
      await expect.poll(() => page.locator('header .viewer').textContent(), POLL).toBe(as.username);
      return { page, problems: guard.problems };
    },
    stop: async () => {
      for (const p of pages) await p.close().catch(() => undefined);
      await browser.close();
      await server.stop();
      rmSync(assetsDir, { recursive: true, force: true });
    },
  };
};
