import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyStream } from '../../src/app/audit/history.js';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { lockPolicyDecider, lockPolicyStreamId } from '../../src/domain/access/lockPolicy.decider.js';
import { handleCommand } from '../../src/eventstore/handleCommand.js';
import { createSqlMessageStore } from '../../src/mail/messageStore/sqlMessageStore.js';
import { MailboxResetService } from '../../src/app/reset/mailboxResetService.js';
import { SecretVault } from '../../src/secrets/vault.js';
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

  it('keeps listing a reset mailbox\'s pre-reset history, and "as of" before the reset still shows the wiped settings', async () => {
    const lockPolicy = { mailboxNumber: 4, enabled: true, threshold: 4, notifyOperationsAdministrators: false, notifyAddresses: [] };
    await handleCommand(h.store, lockPolicyDecider, lockPolicyStreamId(4), {
      type: 'ConfigureLockPolicy',
      data: lockPolicy,
      metadata: { now: h.now(), actorId: null, correlationId: 'corr-lock' },
    });
    const history = async () => {
      const entries = [];
      for await (const e of historyStream(h.audit, { mailboxNumber: 4 })) entries.push(e);
      return entries;
    };
    const lastBefore = await h.store.headPosition();
    await h.runner.waitForPosition(lastBefore, 10_000);
    const beforeReset = await history();
    expect(beforeReset.at(-1)?.type).toBe('LockPolicyConfigured');

    const resets = new MailboxResetService({
      store: h.store,
      db: h.db,
      vault: new SecretVault(h.db, randomBytes(32)),
      messages: createSqlMessageStore(h.db),
      afterAppend: (p) => h.runner.waitForPosition(p, 10_000),
    });
    const { token } = await resets.requestMailboxReset(SYSTEM_ACTOR, 4);
    const outcome = await resets.executeMailboxReset(SYSTEM_ACTOR, { token, mailboxName: 'A5', newName: 'B' }, { correlationId: 'corr-reset' });
    expect(outcome).toMatchObject({ resetPosition: lastBefore + 1, nameBefore: 'A5', nameAfter: 'B', streamsWiped: 1, resumed: false });

    const after = await history();
    expect(after.slice(0, beforeReset.length)).toEqual(beforeReset);
    expect(after.slice(beforeReset.length).map((e) => e.type)).toEqual(['MailboxReset', 'MailboxSettingsWiped']);
    const sectionsAt = async (position: number) =>
      (await h.audit.configurationAsOf(4, { position })).sections as Record<string, unknown>;
    expect(await sectionsAt(lastBefore)).toMatchObject({ 'identity.mailbox': { name: 'A5' }, 'access.lockPolicy': { threshold: 4 } });
    const wiped = await sectionsAt(await h.store.headPosition());
    expect(wiped).toMatchObject({ 'identity.mailbox': { name: 'B' } });
    expect(wiped['access.lockPolicy'] ?? null).toBeNull();

    await h.runner.rebuild(['audit.mailbox_events']);
    expect(await history()).toEqual(after);
    expect((await resets.completeReset(4))?.streamsWiped).toBe(0);
  });
});
