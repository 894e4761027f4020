import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RenameMailboxDocument } from '../generated/graphql.js';
import { chromiumAvailable, guardPage, screenshot } from '../support/browser.js';
import { gql } from '../support/server.js';
import { POLL, startConsoleHarness, type ConsoleHarness } from './consoleHarness.js';

const chromiumOk = chromiumAvailable();

/** CodeMirror 5 keeps its editor on the wrapper element. */
const editorValue = (page: Page) =>
  page.locator('.graphiql-query-editor .CodeMirror').evaluate((el) => (el as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());

/**
 * Replaces the query editor's text by keyboard (select all, type). Under load the first
 * keys can reach the editor before it has focus: the text is checked and typed again.
 */
const setQuery = async (page: Page, text: string) => {
  await expect.poll(async () => {
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(text);
    return editorValue(page);
  }, POLL).toBe(text);
  // GraphiQL re-parses the document on a debounce after an edit, and picks the operation name
  // and its transport (HTTP, or graphql-ws for a subscription) from that parse: an execute
  // before it runs would send the previous operation's name ("Unknown operation named ...").
  await page.waitForTimeout(1000);
};

const responseText = (page: Page) => page.locator('.graphiql-response .CodeMirror-code').innerText();

describe.runIf(chromiumOk)('console: served pages and the explorer in a real browser', { timeout: 120_000 }, () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsoleHarness();
  });
  afterAll(async () => h?.stop());

  it('redirects browsers from / and GET /graphql to /console, serves it under a strict CSP, and leaves API GETs alone', async () => {
    const fromRoot = await fetch(`${h.origin}/`, { redirect: 'manual' });
    expect(fromRoot.status).toBe(302);
    expect(fromRoot.headers.get('location')).toBe('/console');
    const fromGraphql = await fetch(h.server.url, { redirect: 'manual', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(fromGraphql.status).toBe(302);
    expect(fromGraphql.headers.get('location')).toBe('/console');
    // A GET query is still the API's (no Apollo landing page, no redirect).
    const apiGet = await fetch(`${h.server.url}?query=${encodeURIComponent('{ viewer { id } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(apiGet.headers.get('content-type')).toMatch(/json/);

    const page = await fetch(`${h.origin}/console`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const html = await page.text();
    // No inline script: every <script> has a src on this origin.
    for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toMatch(/src="\/console\/assets\//);
    expect(html).not.toMatch(/https?:\/\//);
    expect((await fetch(`${h.origin}/console/assets/nope.js`)).status).toBe(404);
  });

  it('logs in, runs a query and a subscription in GraphiQL over the session, with docs, and nothing leaves localhost', async () => {
    const { page, problems } = await h.loggedInPage('#/explorer');
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();

    await setQuery(page, '{ viewer { username isAdministrator } }');
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => responseText(page), POLL).toMatch(/"username":\s*"admin"/);

    // The schema reached GraphiQL (introspection is refused to anonymous callers): docs open.
    await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
    await expect.poll(() => page.locator('.graphiql-doc-explorer').innerText(), POLL).toMatch(/Query/);
    await screenshot(page, 'explorer');
    // History keeps the query that ran.
    await page.getByRole('button', { name: /Show History/i }).click();
    await expect.poll(() => page.locator('.graphiql-history').innerText(), POLL).toMatch(/viewer/);

    await setQuery(page, 'subscription { settingsChanged(mailboxNumber: 1) { type summary } }');
    await page.locator('.graphiql-execute-button').click();
    // The subscription is open once graphql-ws subscribed; then a change through the API arrives.
    await expect.poll(async () => {
      await gql(h.server.url, RenameMailboxDocument, { input: { number: 1, name: `Support ${Date.now()}`, reason: 'explorer test' } }, { token: h.adminToken });
      return responseText(page);
    }, { timeout: 15_000, interval: 1000 }).toMatch(/MailboxRenamed/);
    await screenshot(page, 'explorer-subscription');

    // The session token lives in the page's memory only: no cookie (HttpOnly ones included),
    // nothing in web storage (GraphiQL keeps its tabs and history there, never the token),
    // so a reload asks for the password again.
    const stored = await page.evaluate(`JSON.stringify({ cookie: document.cookie, local: Object.entries(localStorage), session: Object.entries(sessionStorage) })`);
    expect(stored).toMatch(/viewer/);
    expect(stored).not.toMatch(/mr_s_|Bearer/);
    expect(await page.context().cookies()).toEqual([]);
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: /Log in/ }).count(), POLL).toBe(1);
    expect(await page.locator('header .viewer').count()).toBe(0);
    expect(problems()).toEqual([]);
  });

  it('the guard catches what the pages must never do: the CSP blocks an inline script and a fetch elsewhere, a request off localhost is aborted', async () => {
    const page = await h.browser.newPage();
    const guard = await guardPage(page);
    await page.goto(`${h.origin}/console`);
    // A string: the tests are compiled without the DOM library.
    const ran = await page.evaluate(`(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
      await fetch('http://192.0.2.1/beacon').catch(() => undefined);
      return window.inlineRan === true;
    })()`);
    expect(ran).toBe(false);
    await expect.poll(() => guard.problems().join('\n'), POLL).toMatch(/CSP: .*inline script/);
    // connect-src 'self' refuses the fetch itself.
    await expect.poll(() => guard.problems().join('\n'), POLL).toMatch(/CSP: .*192\.0\.2\.1\/beacon.*connect-src/);
    // A navigation is no fetch: the route aborts it.
    await expect(page.goto('http://192.0.2.1/elsewhere')).rejects.toThrow();
    expect(guard.problems().join('\n')).toMatch(/request left localhost: http:\/\/192\.0\.2\.1\/elsewhere/);
    await page.close();
  });

  it('keeps the pages closed to anyone not logged in: the API refuses the page\'s requests without the session', async () => {
    const res = await fetch(h.server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ mailboxes { edges { node { number } } } }' }) });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe.runIf(chromiumOk)('console: explorer switched off (MAILROOM_CONSOLE_EXPLORER=false)', { timeout: 120_000 }, () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsoleHarness({ MAILROOM_CONSOLE_EXPLORER: 'false' });
  });
  afterAll(async () => h?.stop());

  it('serves no explorer bundle and shows no explorer link', async () => {
    expect((await fetch(`${h.origin}/console/assets/explorer.js`)).status).toBe(404);
    const { page, problems } = await h.loggedInPage('#/explorer');
    await expect.poll(() => page.getByRole('status').innerText(), POLL).toMatch(/MAILROOM_CONSOLE_EXPLORER=false/);
    expect(await page.getByRole('link', { name: /^(Explorer|エクスプローラ)$/ }).count()).toBe(0);
    expect(problems()).toEqual([]);
  });
});
