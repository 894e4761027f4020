import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyStream } from '../../src/audit/history.js';
import { type AuditHarness, createAuditHarness } from './harness.js';

describe('audit read models are rebuildable', () => {
  let h: AuditHarness;

  beforeAll(async () => {
    h = await createAuditHarness('sqlite', { snapshotEvery: 2 });
    await h.mailbox({ type: 'CreateMailbox', data: { number: 4, name: 'A', address: 'a@example.com' } });
    for (let i = 0; i < 6; i++) await h.mailbox({ type: 'RenameMailbox', data: { number: 4, name: `A${i}` } });
    await h.mailbox({ type: 'AddMailboxMember', data: { number: 4, userId: randomUUID() } });
  });
  afterAll(() => h?.close());

  it('gives the same history and configurations after a rebuild empties the index and the snapshots', async () => {
    const head = await h.store.headPosition();
    const collect = async () => {
      const entries = [];
      for await (const e of historyStream(h.audit, { mailboxNumber: 4 })) entries.push(e);
      const configs = [];
      for (let p = 0; p <= head; p++) configs.push((await h.audit.configurationAsOf(4, { position: p })).sections);
      return { entries, configs };
    };
    const before = await collect();
    expect(Number((await h.db.selectFrom('audit_snapshots').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(0);
    await h.runner.rebuild(['audit.mailbox_events']);
    expect(await h.db.selectFrom('audit_snapshots').selectAll().execute()).toEqual([]);
    expect(await collect()).toEqual(before);
  });

  // TODO(reset): a reset mailbox's pre-reset history must stay listed. The reset is not
  // built yet; when it is, append a reset here and assert the earlier entries remain.
});
