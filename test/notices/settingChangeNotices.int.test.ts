import { randomBytes } from 'node:crypto';
import { requireText } from '../../src/domain/shared/text.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { createReadModelDb, type ReadModelDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { ChatEventKind } from '../../src/domain/integrations/chatDestinations.decider.js';
import { createEventStore } from '../../src/eventstore/index.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { ChatDestinationService } from '../../src/app/integrations/chatDestinationService.js';
import { serverProjections } from '../../src/projections/all.js';
import { configurationSections } from '../../src/app/configurationSections.js';
import { SETTING_CHANGE_NOTICES } from '../../src/projections/integrations/settingChangeNotices.projection.js';
import { ProjectionRunner } from '../../src/projections/runner.js';
import { SecretVault } from '../../src/secrets/vault.js';

const meta = { correlationId: 'setting-notices-test', clientIp: '192.0.2.10', reason: requireText([], 'Testing', 'reason') };

/** The reactor on real storage (SQLite store and read models), with a clock the test moves. */
describe('the SETTING_CHANGED reactor', () => {
  let dir: string;
  let store: EventStore;
  let rm: ReadModelDatabase;
  let runner: ProjectionRunner;
  let destinations: ChatDestinationService;
  let skew = 0;

  const add = async (name: string, eventKinds: ChatEventKind[], enabled = true) =>
    (await destinations.add(SYSTEM_ACTOR, { mailboxNumber: 1, kind: 'SLACK', name, roomId: null, eventKinds, enabled, credential: 'https://hooks.slack.com/services/T0/B0/x' }, meta)).destinationId;
  const rows = () => rm.db.selectFrom('notice_outbox').select(['idempotency_key', 'destination_id', 'kind', 'subject', 'body']).orderBy('idempotency_key').execute();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mailroom-setting-notices-'));
    store = await createEventStore({ kind: 'sqlite', path: join(dir, 'events.sqlite') });
    rm = await createReadModelDb({ kind: 'sqlite', path: join(dir, 'rm.sqlite') });
    await migrateToLatest(rm.db);
    skew = 0;
    const projections = serverProjections({ language: async () => 'en', sections: configurationSections, clock: () => new Date(Date.now() + skew), maxAgeMs: 60 * 60_000 });
    runner = new ProjectionRunner({ store, db: rm.db, projections, retry: { maxRetries: 0 } });
    await runner.start();
    destinations = new ChatDestinationService({ store, db: rm.db, vault: new SecretVault(rm.db, randomBytes(32)), afterAppend: (p) => runner.waitForPosition(p, 10_000) });
  });
  afterEach(async () => {
    await runner.stop();
    await rm.destroy();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('tells subscribed, enabled destinations of each setting event once, as subscribed when it happened', async () => {
    const a = await add('A', ['SETTING_CHANGED']);
    const b = await add('B', ['RECEIVE_ERROR_RAISED']);
    await add('Off', ['SETTING_CHANGED'], false);
    await destinations.change(SYSTEM_ACTOR, { mailboxNumber: 1, destinationId: b, eventKinds: ['RECEIVE_ERROR_RAISED', 'SETTING_CHANGED'] }, meta);
    const events = await store.readAll({ max: 100 });
    const [addA, addB, addOff, changeB] = events.map((e) => e.id);
    const expected = [
      `setting-changed:${addA}#chat:${a}`,
      `setting-changed:${addB}#chat:${a}`,
      `setting-changed:${addOff}#chat:${a}`,
      `setting-changed:${changeB}#chat:${a}`,
      `setting-changed:${changeB}#chat:${b}`,
    ].sort();
    const recorded = await rows();
    expect(recorded.map((r) => r.idempotency_key)).toEqual(expected);
    expect(new Set(recorded.map((r) => r.kind))).toEqual(new Set(['SETTING_CHANGED']));
    expect(recorded[0]!.subject).toBe('[Mailroom] Setting changed (Mailbox No. 1)');
    expect(recorded[0]!.body).toContain('"External chat (Slack, Chatwork, Teams)"');
    expect(recorded[0]!.body).toContain('Changed by: the system');
    expect(recorded[0]!.body).toContain('Reason: Testing');

    // Replaying the reactor alone: B, subscribed since, does not hear of the older events.
    await runner.rebuild([SETTING_CHANGE_NOTICES]);
    expect((await rows()).map((r) => r.idempotency_key)).toEqual(expected);
  });

  it('does not announce events older than the bound when a rebuild replays them', async () => {
    await add('A', ['SETTING_CHANGED']);
    expect(await rows()).toHaveLength(1);
    await rm.db.deleteFrom('notice_outbox').execute();
    await runner.rebuild([SETTING_CHANGE_NOTICES]);
    // Still young: the rebuild records it again (the outbox key is what absorbs a replay).
    expect(await rows()).toHaveLength(1);
    await rm.db.deleteFrom('notice_outbox').execute();
    skew = 2 * 60 * 60_000;
    await runner.rebuild([SETTING_CHANGE_NOTICES]);
    expect(await rows()).toEqual([]);
  });
});
