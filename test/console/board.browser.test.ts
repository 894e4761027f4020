import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddReceiveAccountDocument, FetchReceiveAccountNowDocument, SetNoticeLanguageDocument } from '../generated/graphql.js';
import { chromiumAvailable, screenshot } from '../support/browser.js';
import { gql } from '../support/server.js';
import { closedPort, POLL, startConsoleHarness, type ConsoleHarness } from './consoleHarness.js';

const chromiumOk = chromiumAvailable();

describe.runIf(chromiumOk)('console: fetch board in a real browser', { timeout: 120_000 }, () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsoleHarness();
  });
  afterAll(async () => h?.stop());

  it('shows an account added through the API, its failed run and last error live, and the run in the 24 h chart, in English when the mailbox speaks English', async () => {
    const lang = await gql(h.server.url, SetNoticeLanguageDocument, { input: { mailboxNumber: 1, language: 'en', reason: 'board test' } }, { token: h.adminToken });
    expect(lang.errors).toBeUndefined();
    const { page, problems } = await h.loggedInPage('#/board');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), POLL).toBe('Fetch board');
    await expect.poll(() => page.getByText('No receive accounts.').count(), POLL).toBe(1);
    await expect.poll(() => page.getByTestId('chart-totals').innerText(), POLL).toBe('0 runs, 0 errors');

    const added = await gql(h.server.url, AddReceiveAccountDocument, {
      input: { mailboxNumber: 1, displayName: 'Sales inbox', protocol: 'IMAP', host: '127.0.0.1', port: await closedPort(), encryption: 'NONE', username: 'sales', password: 'secret-password', reason: 'board test' },
    }, { token: h.adminToken });
    const accountId = added.data?.addReceiveAccount.account?.id;
    expect(accountId, JSON.stringify(added)).toBeTruthy();
    const row = page.locator(`tr[data-account="${accountId}"]`);
    // Without a reload: settingsChanged brought the new account.
    await expect.poll(() => row.count(), POLL).toBe(1);
    expect(await row.getByTestId('state').innerText()).toBe('Idle');

    const run = await gql(h.server.url, FetchReceiveAccountNowDocument, { input: { mailboxNumber: 1, accountId: accountId! } }, { token: h.adminToken });
    expect(run.data?.fetchReceiveAccountNow.error?.code).toBe('CONNECTION');
    // fetchStatusChanged brought the outcome; the chart was reloaded after the run.
    await expect.poll(() => row.getByTestId('state').innerText(), POLL).toBe('Error');
    await expect.poll(() => row.getByTestId('last-error').innerText(), POLL).toMatch(/^CONNECTION /);
    await expect.poll(() => page.getByTestId('chart-totals').innerText(), POLL).toBe('1 runs, 1 errors');
    expect(await page.locator('.chart rect.bar-errors').count()).toBe(1);
    await screenshot(page, 'board');

    // Keyboard: the header links are reachable by Tab and open the page with Enter.
    await page.locator('header a', { hasText: 'Audit timeline' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), POLL).toMatch(/^Audit timeline: No\.1/);
    await expect.poll(() => page.locator('.timeline li', { hasText: 'ReceiveAccountAdded' }).count(), POLL).toBe(1);
    expect(problems()).toEqual([]);
  });
});
