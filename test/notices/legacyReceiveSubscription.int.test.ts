import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReadModelDb, type ReadModelDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { chatDestinationsStreamId } from '../../src/domain/integrations/chatDestinations.decider.js';
import { createEventStore } from '../../src/eventstore/index.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { integrationsConfigurationSections } from '../../src/app/integrations/auditSections.js';
import { NoticeKind, type Notice } from '../../src/mail/notices/notice.js';
import { chatDestinationsForNotice } from '../../src/mail/notices/noticeFanout.js';
import { serverProjections } from '../../src/projections/all.js';
import { configurationSections } from '../../src/app/configurationSections.js';
import { ProjectionRunner } from '../../src/projections/runner.js';
import { mailboxScope, SecretVault } from '../../src/secrets/vault.js';

const RECEIVE_KINDS = ['RECEIVE_ERROR_RAISED', 'RECEIVE_ERROR_CLEARED', 'MESSAGE_TOO_LARGE'];
const account = { mailboxNumber: 1, displayName: 'Support', protocol: 'IMAP', username: 'support', host: 'imap.example.com', port: 993 };
const notices: Notice[] = [
  { mailboxNumber: 1, kind: NoticeKind.RECEIVE_ERROR_RAISED, facts: { account, code: 'AUTH', message: 'refused', serverResponse: null }, to: [], idempotencyKey: 'k1' },
  { mailboxNumber: 1, kind: NoticeKind.MAILBOX_OVER_LIMIT, facts: { account, code: 'OVER_LIMIT', message: 'too many', serverResponse: null }, to: [], idempotencyKey: 'k2' },
  { mailboxNumber: 1, kind: NoticeKind.RECEIVE_ERROR_CLEARED, facts: { account, code: 'AUTH' }, to: [], idempotencyKey: 'k3' },
  { mailboxNumber: 1, kind: NoticeKind.MESSAGE_TOO_LARGE, facts: { account, sizeBytes: 30_000_000, limitBytes: 26_214_400, messageKey: 'uidl:1' }, to: [], idempotencyKey: 'k4' },
];
const settingChanged: Notice = { mailboxNumber: 1, kind: NoticeKind.SETTING_CHANGED, facts: { mailboxNumber: 1, area: 'outbound.smtp', actor: null, reason: null, changedAt: new Date() }, to: [], idempotencyKey: 'k5' };

/** A destination stored before the receive kinds were split, on real storage, read by every reader of kinds. */
describe('a RECEIVE_ERROR subscription stored before the split', () => {
  let dir: string;
  let store: EventStore;
  let rm: ReadModelDatabase;
  let runner: ProjectionRunner;
  const id = randomUUID();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mailroom-legacy-kinds-'));
    store = await createEventStore({ kind: 'sqlite', path: join(dir, 'events.sqlite') });
    rm = await createReadModelDb({ kind: 'sqlite', path: join(dir, 'rm.sqlite') });
    await migrateToLatest(rm.db);
    runner = new ProjectionRunner({ store, db: rm.db, projections: serverProjections({ language: async () => 'en', sections: configurationSections }), retry: { maxRetries: 0 } });
    await runner.start();
    const credentialCiphertext = await new SecretVault(rm.db, randomBytes(32)).encrypt(mailboxScope(1), 'https://hooks.slack.com/services/T0/B0/x');
    const { position } = await store.appendToStream(chatDestinationsStreamId(1), [
      {
        id: randomUUID(),
        type: 'ChatDestinationAdded',
        data: { mailboxNumber: 1, destinationId: id, kind: 'SLACK', name: 'Errors', roomId: null, eventKinds: ['RECEIVE_ERROR'], enabled: true, credentialCiphertext },
        metadata: { actorId: null, correlationId: 'legacy' },
      },
    ]);
    await runner.waitForPosition(position, 10_000);
  });
  afterEach(async () => {
    await runner.stop();
    await rm.destroy();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is projected, fanned out and audited as every receive kind, and nothing else', async () => {
    const row = await rm.db.selectFrom('chat_destinations').select('event_kinds').where('destination_id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.event_kinds)).toEqual(RECEIVE_KINDS);
    const fanout = chatDestinationsForNotice(rm.db);
    for (const notice of notices) expect(await fanout(notice), notice.kind).toEqual([id]);
    expect(await fanout(settingChanged)).toEqual([]);

    // A row projected before the split still says RECEIVE_ERROR until a rebuild: read as the receive kinds too.
    await rm.db.updateTable('chat_destinations').set({ event_kinds: '["RECEIVE_ERROR"]' }).where('destination_id', '=', id).execute();
    for (const notice of notices) expect(await fanout(notice), notice.kind).toEqual([id]);

    const section = integrationsConfigurationSections.find((s) => s.name === 'integrations.chat_destinations')!;
    const state = (await store.readStream(chatDestinationsStreamId(1))).reduce(section.evolve, section.initialState());
    expect(section.toView(state)).toMatchObject({ destinations: { [id]: { eventKinds: RECEIVE_KINDS } } });
  });
});
