import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteEventStore } from '../../src/eventstore/sqlite/sqliteEventStore.js';
import {
  AddMailboxMemberDocument,
  AssignMailboxRoleDocument,
  ConfigureIpRestrictionDocument,
  CreateAuditCheckpointDocument,
  CreateMailboxDocument,
  CreateUserDocument,
  RenameMailboxDocument,
  ViewerDocument,
} from '../generated/graphql.js';
import { chromiumAvailable, screenshot } from '../support/browser.js';
import { gql } from '../support/server.js';
import { POLL, startConsoleHarness, type ConsoleHarness } from './consoleHarness.js';

const chromiumOk = chromiumAvailable();

describe.runIf(chromiumOk)('console: audit timeline in a real browser', { timeout: 120_000 }, () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsoleHarness();
  });
  afterAll(async () => h?.stop());

  const rename = async (name: string, reason: string) => {
    const res = await gql(h.server.url, RenameMailboxDocument, { input: { number: 1, name, reason } }, { token: h.adminToken });
    expect(res.data?.renameMailbox.userErrors).toEqual([]);
  };

  it('shows changes made through the API as they happen (who, when, IP, reason, before/after), in the mailbox\'s language, and the configuration "as of" one of them against now', async () => {
    const { page, problems } = await h.loggedInPage('#/timeline');
    // The deployment's notice language is Japanese (MAILROOM_NOTICE_LANGUAGE default): so are the labels.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), POLL).toMatch(/監査タイムライン: No\.1/);
    await expect.poll(() => page.getByTestId('chain').innerText(), POLL).toMatch(/改ざんなし/);
    // A checkpoint signed through the API shows as the latest once the page refreshes it (on the next event).
    const signed = await gql(h.server.url, CreateAuditCheckpointDocument, {}, { token: h.adminToken });
    expect(signed.data?.createAuditCheckpoint.userErrors).toEqual([]);
    const signedAt = signed.data!.createAuditCheckpoint.checkpoint!.position;
    await expect.poll(() => page.getByText(/ライブ/).count(), POLL).toBe(1);

    // Changes through the API appear without a reload (settingsChanged over graphql-ws).
    await expect.poll(async () => {
      if ((await page.locator('.timeline li', { hasText: 'Alpha desk' }).count()) === 0) await rename(`Alpha desk`, 'first rename for the auditors');
      return page.locator('.timeline li', { hasText: 'Alpha desk' }).count();
    }, { timeout: 15_000, interval: 1500 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('checkpoint').innerText(), POLL).toMatch(new RegExp(`#${signedAt} · `));
    const beforeBeta = Date.now();
    await rename('Beta desk', 'second rename');
    const beta = page.locator('.timeline li', { hasText: 'second rename' });
    await beta.waitFor();
    const betaText = await beta.innerText();
    expect(betaText).toContain('MailboxRenamed');
    expect(betaText).toContain('admin');
    expect(betaText).toContain('127.0.0.1');
    // When: the event's own time (the rename just made), machine-readable and in the mailbox's locale.
    const when = Date.parse((await beta.locator('time').getAttribute('datetime'))!);
    expect(when).toBeGreaterThanOrEqual(beforeBeta - 1000);
    expect(when).toBeLessThanOrEqual(Date.now());
    expect(await beta.locator('time').innerText()).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{1,2}:\d{2}:\d{2}$/);
    expect(await beta.locator('td.before').innerText()).toBe('Alpha desk');
    expect(await beta.locator('td.after').innerText()).toBe('Beta desk');
    await screenshot(page, 'timeline');

    // "As of" the first rename: the name then, marked as different from now, with now's value.
    const alpha = page.locator('.timeline li', { hasText: 'first rename for the auditors' }).first();
    await alpha.getByRole('button', { name: /この変更時点の設定/ }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const differs = dialog.locator('.differs', { hasText: 'Alpha desk' });
    await expect.poll(() => differs.count(), POLL).toBe(1);
    expect(await differs.innerText()).toMatch(/name: Alpha desk \(現在: Beta desk\)/);
    expect(await dialog.innerText()).toMatch(/項目が現在の設定と異なります/);
    await differs.scrollIntoViewIfNeeded();
    await screenshot(page, 'timeline-as-of');
    // Escape closes the modal (keyboard only).
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count(), POLL).toBe(0);
    expect(problems()).toEqual([]);
  });

  it('a closed range shows only its events and is not live', async () => {
    const { page, problems } = await h.loggedInPage('#/timeline');
    await page.getByLabel('終了').fill('2001-01-01T00:00');
    await page.getByLabel('開始').fill('2000-01-01T00:00');
    await page.getByRole('button', { name: '表示' }).click();
    await expect.poll(() => page.getByText('この期間に設定変更はありません。').count(), POLL).toBe(1);
    expect(await page.getByText(/ライブ/).count()).toBe(0);
    expect(problems()).toEqual([]);
  });

  it('the mailbox\'s IP restriction applies to the console: an auditor outside the allow list is refused, and let in once it is lifted', async () => {
    const admin = { token: h.adminToken };
    expect((await gql(h.server.url, CreateMailboxDocument, { input: { number: 2, name: 'Branch office', address: 'branch@example.com' } }, admin)).data?.createMailbox.userErrors).toEqual([]);
    const carol = await gql(h.server.url, CreateUserDocument, { input: { username: 'carol', displayName: 'Carol', email: 'carol@example.com', password: 'carol-password-12' } }, admin);
    const carolId = carol.data!.createUser.user!.id;
    await gql(h.server.url, AddMailboxMemberDocument, { input: { mailboxNumber: 2, userId: carolId } }, admin);
    await gql(h.server.url, AssignMailboxRoleDocument, { input: { mailboxNumber: 2, userId: carolId, role: 'AUDITOR' } }, admin);
    // Only 192.0.2.0/24 may reach mailbox 2; the browser comes from 127.0.0.1. The administrator
    // is exempt, so the self-lockout guard lets the list be saved.
    const adminId = (await gql(h.server.url, ViewerDocument, {}, admin)).data!.viewer!.id;
    const restrict = (enabled: boolean) =>
      gql(h.server.url, ConfigureIpRestrictionDocument, { input: { mailboxNumber: 2, enabled, allowedAddresses: ['192.0.2.0/24'], exemptUserIds: [adminId], reason: 'console test' } }, admin);
    expect((await restrict(true)).data?.configureIpRestriction.userErrors).toEqual([]);

    const { page, problems } = await h.loggedInPage('#/timeline', { username: 'carol', password: 'carol-password-12' });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), POLL).toMatch(/No\.2 Branch office/);
    await expect.poll(() => page.getByRole('alert').innerText(), POLL).toMatch(/Access to mailbox 2 from 127\.0\.0\.1 is not allowed/);
    expect(await page.locator('.timeline li').count()).toBe(0);
    await page.close();

    expect((await restrict(false)).data?.configureIpRestriction.userErrors).toEqual([]);
    const again = await h.loggedInPage('#/timeline', { username: 'carol', password: 'carol-password-12' });
    await expect.poll(() => again.page.locator('.timeline li', { hasText: 'IpRestriction' }).count(), POLL).toBeGreaterThan(0);
    expect(await again.page.getByRole('alert').count()).toBe(0);
    expect([...problems(), ...again.problems()]).toEqual([]);
  });

  // Last: it breaks the chain of this server for good.
  it('shows where the hash chain is broken once an event was altered in the store', async () => {
    await rename('Gamma desk', 'before the forgery');
    const { page } = await h.loggedInPage('#/timeline');
    const gamma = page.locator('.timeline li', { hasText: 'before the forgery' });
    await gamma.waitFor();
    const position = Number(await gamma.getAttribute('data-position'));
    await expect.poll(() => page.getByTestId('chain').innerText(), POLL).toMatch(/改ざんなし/);
    (h.server.app.services.store as SqliteEventStore).database
      .prepare('UPDATE events SET data = ? WHERE position = ?')
      .run(JSON.stringify({ number: 1, name: 'Forged desk' }), position);
    const { page: after, problems } = await h.loggedInPage('#/timeline');
    await expect.poll(() => after.getByTestId('chain').innerText(), POLL).toMatch(new RegExp(`破損位置 ${position} \\(hash_mismatch\\)`));
    await screenshot(after, 'timeline-chain-broken');
    expect(problems()).toEqual([]);
  });
});
