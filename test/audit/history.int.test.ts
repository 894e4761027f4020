import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { historyEntries, historyPage, historyRows, historyStream } from '../../src/app/audit/history.js';
import { exportHistory } from '../../src/app/audit/historyExport.js';
import { postgresAvailable } from '../support/postgres.js';
import { type AuditHarness, createAuditHarness, type StoreKind } from './harness.js';
import { configureRelay, sectionsWithRelay } from './toySection.js';

const kinds: StoreKind[] = (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(kinds)('settings history on %s', (kind) => {
  let h: AuditHarness;
  const admin = randomUUID();
  const alice = randomUUID();

  beforeAll(async () => {
    h = await createAuditHarness(kind, { sections: sectionsWithRelay, snapshotEvery: 3 });
    await h.mailbox({ type: 'CreateMailbox', data: { number: 7, name: 'Sales', address: 'sales@example.com' } }, admin);
    await h.mailbox({ type: 'CreateMailbox', data: { number: 8, name: 'Other', address: 'other@example.com' } }, admin);
    await h.mailbox({ type: 'RenameMailbox', data: { number: 7, name: 'Support' } }, admin, { reason: 'ticket 42' });
    await h.mailbox({ type: 'AddMailboxMember', data: { number: 7, userId: alice } }, admin);
    await h.mailbox({ type: 'AssignMailboxRole', data: { number: 7, userId: alice, role: 'AUDITOR' } }, admin);
    await h.mailbox({ type: 'ChangeMailboxAddress', data: { number: 7, address: 'support@example.com' } }, alice);
    const p1 = await configureRelay(h.store, 7, 'relay.example.net', 'u1', 'v1:CIPHERTEXT-ONE', alice);
    const p2 = await configureRelay(h.store, 7, 'relay.example.net', 'u1', 'v1:CIPHERTEXT-TWO', alice);
    await h.runner.waitForPosition(Math.max(p1.position, p2.position), 10_000);
  });
  afterAll(() => h?.close());

  const all = async (filter: Parameters<typeof historyRows>[1]) => {
    const out = [];
    for await (const e of historyStream(h.audit, filter, 2)) out.push(e);
    return out;
  };

  it('lists each change of the mailbox with before/after values per field, its actor, reason and metadata', async () => {
    const entries = await all({ mailboxNumber: 7, area: 'identity' });
    expect(entries.map((e) => e.type)).toEqual(['MailboxCreated', 'MailboxRenamed', 'MailboxMemberAdded', 'MailboxRoleAssigned', 'MailboxAddressChanged']);
    const rename = entries[1]!;
    expect(rename.changes).toEqual([{ field: 'name', before: 'Sales', after: 'Support', secret: false }]);
    expect(rename.summary).toBe('name: "Sales" → "Support"');
    expect(rename).toMatchObject({ actorId: admin, reason: 'ticket 42', clientIp: '192.0.2.7', section: 'identity.mailbox', mailboxNumber: 7 });
    expect(rename.correlationId).toMatch(/^corr-/);
    expect(entries[3]!.changes).toEqual([{ field: `members.${alice}.roles`, before: [], after: ['AUDITOR'], secret: false }]);
    expect(entries[4]!.changes).toEqual([{ field: 'address', before: 'sales@example.com', after: 'support@example.com', secret: false }]);
    expect(entries[0]!.changes.map((c) => [c.field, c.before, c.after])).toEqual([
      ['address', null, 'sales@example.com'],
      ['name', null, 'Sales'],
      ['number', null, 7],
    ]);
  });

  it('shows secrets as "changed", never their value or ciphertext, even when rotated to a new one', async () => {
    const entries = await all({ mailboxNumber: 7, area: 'toy.relay' });
    expect(entries).toHaveLength(2);
    expect(entries[1]!.changes).toEqual([{ field: 'passwordCiphertext', before: null, after: null, secret: true }]);
    expect(entries[1]!.summary).toBe('passwordCiphertext: changed');
    expect(entries[0]!.changes).toContainEqual({ field: 'password', before: null, after: null, secret: true });
    expect(entries[0]!.changes).toContainEqual({ field: 'host', before: null, after: 'relay.example.net', secret: false });
    expect(JSON.stringify(entries)).not.toContain('CIPHERTEXT');
  });

  it('filters by actor, time and area, and never mixes in another mailbox', async () => {
    expect((await all({ mailboxNumber: 7, actorId: alice })).map((e) => e.type)).toEqual([
      'MailboxAddressChanged',
      'RelayConfigured',
      'RelayConfigured',
    ]);
    const t = new Date('2030-01-01T00:00:03.000Z');
    expect((await all({ mailboxNumber: 7, from: t, to: new Date('2030-01-01T00:00:04.000Z') })).map((e) => e.type)).toEqual([
      'MailboxRenamed',
      'MailboxMemberAdded',
    ]);
    expect((await all({ mailboxNumber: 8 })).map((e) => e.type)).toEqual(['MailboxCreated']);
    await expect(all({ mailboxNumber: 7, area: 'nope' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('lists the history of one setting, page by page', async () => {
    expect((await all({ mailboxNumber: 7, field: 'name' })).map((e) => e.type)).toEqual(['MailboxCreated', 'MailboxRenamed']);
    expect((await all({ mailboxNumber: 7, field: 'members' })).map((e) => e.type)).toEqual(['MailboxMemberAdded', 'MailboxRoleAssigned']);
    const first = await historyPage(h.audit, { mailboxNumber: 7, field: 'address' }, { afterPosition: 0, limit: 1 });
    expect(first.entries.map((e) => e.type)).toEqual(['MailboxCreated']);
    expect(first.hasNextPage).toBe(true);
    const second = await historyPage(h.audit, { mailboxNumber: 7, field: 'address' }, { afterPosition: first.entries[0]!.position, limit: 1 });
    expect(second.entries.map((e) => e.type)).toEqual(['MailboxAddressChanged']);
    expect(second.hasNextPage).toBe(false);
  });

  it('builds an entry of a single event (the live feed) the same way as a page', async () => {
    const rows = await historyRows(h.audit, { mailboxNumber: 7 }, { afterPosition: 0, limit: 100 });
    const one = await historyEntries(h.audit, [rows[3]!]);
    const page = await historyEntries(h.audit, rows);
    expect(one[0]).toEqual(page[3]);
  });

  it('exports in batches through a slow consumer, without event data or ciphertext', async () => {
    const lines: string[] = [];
    const slow = new Writable({
      highWaterMark: 64,
      write(chunk, _enc, done) {
        setTimeout(() => {
          lines.push(String(chunk));
          done();
        }, 1);
      },
    });
    const written = await exportHistory(h.audit, { mailboxNumber: 7 }, slow, { format: 'ndjson', batchSize: 2 });
    await new Promise((r) => slow.end(r));
    expect(written).toBe(7);
    expect(lines.map((l) => JSON.parse(l).type)).toEqual([
      'MailboxCreated',
      'MailboxRenamed',
      'MailboxMemberAdded',
      'MailboxRoleAssigned',
      'MailboxAddressChanged',
      'RelayConfigured',
      'RelayConfigured',
    ]);
    expect(lines.join('')).not.toContain('CIPHERTEXT');
  });
});
