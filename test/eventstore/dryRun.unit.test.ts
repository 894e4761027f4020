import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReadModelDb } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ErrorCode } from '../../src/domain/shared/errors.js';
import { activeDryRun, planDryRun } from '../../src/eventstore/dryRun.js';
import { decideCommand, handleCommand } from '../../src/eventstore/handleCommand.js';
import { loadDecidedState } from '../../src/eventstore/decidedState.js';
import { MemoryEventStore } from '../../src/eventstore/memory/memoryEventStore.js';
import { DRY_RUN_KEY_ID, mailboxScope, SecretVault } from '../../src/secrets/vault.js';
import { counterDecider, increment } from '../contract/eventStoreFixtures.js';

describe('decideCommand', () => {
  it('given a stream with events, when a command is decided, then the events and both states come back and nothing is appended', async () => {
    const store = new MemoryEventStore();
    const calls = { decide: 0 };
    await handleCommand(store, counterDecider(calls), 'c', increment(2));
    const decided = await decideCommand(store, counterDecider(calls), 'c', increment(3));
    expect(decided).toMatchObject({ streamId: 'c', stateBefore: 2, stateAfter: 5, revision: 0 });
    expect(decided.events).toEqual([{ type: 'Incremented', data: { by: 3, total: 5 } }]);
    expect(await store.headPosition()).toBe(1);
  });

  it('throws the decider refusal unchanged', async () => {
    const err = await decideCommand(new MemoryEventStore(), counterDecider({ decide: 0 }), 'c', increment(0)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: ErrorCode.VALIDATION, fieldPath: ['by'] });
  });
});

describe('handleCommand in a dry run', () => {
  it('given a stream, when commands run in a dry run, then they are planned on each other, nothing is appended, and the real run appends the same', async () => {
    const store = new MemoryEventStore();
    const decider = counterDecider({ decide: 0 });
    await handleCommand(store, decider, 'c', increment(1));
    const dry = await planDryRun(async () => {
      const first = await handleCommand(store, decider, 'c', increment(2));
      const second = await handleCommand(store, decider, 'c', increment(3));
      // Reads of decided state inside the dry run see the plan.
      return { first, second, seen: (await loadDecidedState(store, decider, 'c')).state };
    });
    expect(dry.ok).toBe(true);
    if (!dry.ok) return;
    expect(dry.value.first).toMatchObject({ position: null, newState: 3, nextExpectedRevision: 1 });
    expect(dry.value.second).toMatchObject({ position: null, newState: 6, nextExpectedRevision: 2 });
    expect(dry.value.seen).toBe(6);
    expect(await store.headPosition()).toBe(1);
    expect((await loadDecidedState(store, decider, 'c')).state).toBe(1);
    expect(dry.plan.decisions).toBe(2);
    expect(dry.plan.events.map((e) => ({ type: e.type, data: e.data, expectedRevision: e.expectedRevision, before: e.stateBefore, after: e.stateAfter }))).toEqual([
      { type: 'Incremented', data: { by: 2, total: 3 }, expectedRevision: 0, before: 1, after: 3 },
      { type: 'Incremented', data: { by: 3, total: 6 }, expectedRevision: 1, before: 3, after: 6 },
    ]);

    await handleCommand(store, decider, 'c', increment(2));
    await handleCommand(store, decider, 'c', increment(3));
    const appended = (await store.readStream('c')).slice(1).map((e) => ({ type: e.type, data: e.data }));
    expect(appended).toEqual(dry.plan.events.map((e) => ({ type: e.type, data: e.data })));
  });

  it('records a refusal and passes it on; the scope ends with the call', async () => {
    const store = new MemoryEventStore();
    const dry = await planDryRun(() => handleCommand(store, counterDecider({ decide: 0 }), 'c', increment(-1)));
    expect(dry.ok).toBe(false);
    if (dry.ok) return;
    expect(dry.plan.refusal).toBe(dry.error);
    expect(dry.plan.events).toEqual([]);
    expect(activeDryRun()).toBeUndefined();
    expect(await store.headPosition()).toBe(0);
  });
});

describe('the vault in a dry run', () => {
  it('seals under a throwaway key: no data key is stored and the ciphertext cannot be opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-dryrun-vault-'));
    const rm = await createReadModelDb({ kind: 'sqlite', path: join(dir, 'rm.sqlite') });
    try {
      await migrateToLatest(rm.db);
      const vault = new SecretVault(rm.db, randomBytes(32));
      const dry = await planDryRun(() => vault.encrypt(mailboxScope(7), 'never-stored'));
      expect(dry.ok).toBe(true);
      if (!dry.ok) return;
      expect(dry.value.split('.')[1]).toBe(DRY_RUN_KEY_ID);
      expect(dry.value).not.toContain('never-stored');
      expect(await rm.db.selectFrom('data_keys').selectAll().execute()).toEqual([]);
      await expect(vault.decrypt(mailboxScope(7), dry.value)).rejects.toThrow();
      // Outside the dry run the vault works as ever.
      const real = await vault.encrypt(mailboxScope(7), 'stored');
      expect(await vault.decrypt(mailboxScope(7), real)).toBe('stored');
      expect(await rm.db.selectFrom('data_keys').selectAll().execute()).toHaveLength(1);
    } finally {
      await rm.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the dry-run scope', () => {
  it('closes when the call returns: work it started that runs later appends for real', async () => {
    const store = new MemoryEventStore();
    const decider = counterDecider({ decide: 0 });
    let later: Promise<unknown> = Promise.resolve();
    const dry = await planDryRun(async () => {
      await handleCommand(store, decider, 'c', increment(1));
      // A background task started inside the dry run, running after it returned.
      later = new Promise((resolve) => setTimeout(resolve, 0)).then(() => handleCommand(store, decider, 'c', increment(5)));
    });
    await later;
    expect(dry.plan.events).toHaveLength(1);
    expect((await store.readStream('c')).map((e) => e.data)).toEqual([{ by: 5, total: 5 }]);
  });
});
