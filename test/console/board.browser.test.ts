import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddReceiveAccountDocument, CreateMailboxDocument, FetchReceiveAccountNowDocument, SetNoticeLanguageDocument } from '../generated/graphql.js';
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

  it('shows the accounts of every mailbox, one added through the API with its failed run and last error live, and the run in the 24 h chart; labels follow the picked mailbox\'s language; Tab and Enter reach the pages', async () => {
    const lang = await gql(h.server.url, SetNoticeLanguageDocument, { input: { mailboxNumber: 1, language: 'en', reason: 'board test' } }, { token: h.adminToken });
    expect(lang.errors).toBeUndefined();
    // A second mailbox (notice language left at the deployment's Japanese) with an account of its own.
    expect((await gql(h.server.url, CreateMailboxDocument, { input: { number: 2, name: 'Branch office', address: 'branch@example.com' } }, { token: h.adminToken })).data?.createMailbox.userErrors).toEqual([]);
    const branch = await gql(h.server.url, AddReceiveAccountDocument, {
      input: { mailboxNumber: 2, displayName: 'Branch inbox', protocol: 'POP3', host: '127.0.0.1', port: await closedPort(), encryption: 'NONE', username: 'branch', password: 'secret-password', reason: 'board test' },
    }, { token: h.adminToken });
    const branchId = branch.data?.addReceiveAccount.account?.id;
    expect(branchId, JSON.stringify(branch)).toBeTruthy();
    const { page, problems } = await h.loggedInPage('#/board');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), POLL).toBe('Fetch board');
    await expect.poll(() => page.getByText('No receive accounts.').count(), POLL).toBe(1);
    await expect.poll(() => page.getByTestId('chart-totals').innerText(), POLL).toBe('0 runs, 0 errors');
    // Every mailbox the user can see has its section: mailbox 2's account is on the board too.
    await expect.poll(() => page.getByRole('heading', { level: 2, name: /No\.2 Branch office/ }).count(), POLL).toBe(1);
    expect(await page.locator(`tr[data-account="${branchId}"]`).innerText()).toMatch(/Branch inbox/);

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

    // Keyboard: from the top of the page, Tab reaches the header link and Enter opens it.
    await page.evaluate('document.activeElement?.blur()');
    const focused = () => page.evaluate('document.activeElement?.textContent ?? ""');
    let tabs = 0;
    while ((await focused()) !== 'Audit timeline' && tabs < 10) {
      await page.keyboard.press('Tab');
      tabs++;
    }
    expect(await focused()).toBe('Audit timeline');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), POLL).toMatch(/^Audit timeline: No\.1/);
    await expect.poll(() => page.locator('.timeline li', { hasText: 'ReceiveAccountAdded' }).count(), POLL).toBe(1);

    // Picking mailbox 2 in the header switches the labels to its notice language (Japanese).
    await page.locator('header .mailbox-pick select').selectOption('2');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), POLL).toMatch(/^監査タイムライン: No\.2 Branch office/);
    expect(await page.locator('header a[aria-current="page"]').innerText()).toBe('監査タイムライン');
    expect(problems()).toEqual([]);
  });
});
