import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { requireService, type ServiceCheck } from './services.js';

/** Debian's chromium (`apt-get install chromium`, see .ci/run); Playwright downloads nothing. */
export const CHROMIUM_PATH = process.env.MAILROOM_CHROMIUM ?? '/usr/bin/chromium';

const checkChromium = (): ServiceCheck => {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return { available: true, reason: '' };
  } catch {
    return { available: false, reason: `no executable at ${CHROMIUM_PATH} (apt-get install chromium)` };
  }
};

/** Top-level-await friendly: `const chromiumOk = chromiumAvailable();` then `describe.runIf(chromiumOk)`. */
export const chromiumAvailable = (): boolean => requireService('Chromium', checkChromium());

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });

/** Screenshots of browser tests go here (gitignored), as CI artifacts. */
export const ARTIFACTS_DIR = join(process.cwd(), 'test-artifacts', 'browser');

export const screenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
};

const isLocal = (url: string): boolean => {
  if (/^(data|blob|about):/.test(url)) return true;
  try {
    const host = new URL(url).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
  } catch {
    return false;
  }
};

/**
 * Watches a page for anything a strict, offline console must never do: a request leaving
 * localhost (it is aborted and recorded), a Content-Security-Policy violation, an uncaught
 * error. `problems()` lists them; tests assert it is empty.
 */
export const guardPage = async (page: Page): Promise<{ problems: () => readonly string[] }> => {
  const problems: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    problems.push(`request left localhost: ${url}`);
    return route.abort('blockedbyclient');
  });
  // page.route does not see WebSocket handshakes; the request events cover those too.
  page.on('request', (request: Request) => {
    if (!isLocal(request.url())) problems.push(`request left localhost: ${request.url()}`);
  });
  page.on('websocket', (ws) => {
    if (!isLocal(ws.url())) problems.push(`WebSocket left localhost: ${ws.url()}`);
  });
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { problems: () => problems };
};
