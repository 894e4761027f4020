import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/auth/principal.js';
import { receiveErrorsDecider, receiveErrorsStreamId } from '../../src/domain/inbound/index.js';
import { handleCommand } from '../../src/eventstore/handleCommand.js';
import { postgresAvailable } from '../support/postgres.js';
import { createInboundHarness, meta, type InboundHarness } from './harness.js';

const pgAvailable = await postgresAvailable();
const EPISODE = '77777777-7777-4777-8777-777777777777';

/**
 * The inbound read models follow the events on both read-model databases, hold no
 * secret, and a rebuild from position 1 yields exactly the same rows.
 */
describe.each([
  { readDb: 'sqlite' as const, enabled: true },
  { readDb: 'postgres' as const, enabled: pgAvailable },
])('inbound projections on $readDb', ({ readDb, enabled }) => {
  let h: InboundHarness;

  beforeAll(async () => {
    if (!enabled) return;
    h = await createInboundHarness({ readDb });
  });
  afterAll(async () => {
    await h?.close();
  });

  const snapshot = async () => ({
    credentials: await h.db.selectFrom('oauth_credentials').selectAll().orderBy('credential_id').execute(),
    accounts: await h.db.selectFrom('receive_accounts').selectAll().orderBy('account_id').execute(),
    autoFetch: await h.db.selectFrom('receive_auto_fetch').selectAll().orderBy('mailbox_number').execute(),
    errors: await h.db.selectFrom('receive_last_errors').selectAll().orderBy('account_id').execute(),
  });

  it.runIf(enabled)('project settings and error episodes, without secrets, and rebuild to the same rows', async () => {
    const { credentialId } = await h.services.oauthCredentials.register(
      SYSTEM_ACTOR,
      { mailboxNumber: 1, provider: 'MICROSOFT', displayName: 'M365', clientId: 'ms', clientSecret: 'ms-secret-value', tenant: 'common', redirectUrl: 'https://app.example.com/cb' },
      meta(),
    );
    const pop = await h.services.receiveAccounts.add(
      SYSTEM_ACTOR,
      { mailboxNumber: 1, displayName: 'POP', protocol: 'POP3', host: 'pop.gmail.com', username: 'u1', password: 'pop-password-value', leaveOnServer: true, deleteDuplicates: true },
      meta(),
    );
    const imap = await h.services.receiveAccounts.add(
      SYSTEM_ACTOR,
      { mailboxNumber: 1, displayName: 'IMAP', protocol: 'IMAP', host: 'outlook.office365.com', authMethod: 'OAUTH2', username: 'u2@example.com', credentialId },
      meta(),
    );
    const gone = await h.services.receiveAccounts.add(SYSTEM_ACTOR, { mailboxNumber: 1, displayName: 'Gone', protocol: 'IMAP', host: 'imap.example.com', username: 'u3', password: 'x-password' }, meta());
    await h.services.receiveAccounts.change(SYSTEM_ACTOR, { mailboxNumber: 1, accountId: pop.accountId, displayName: 'POP renamed', fetchIntervalMinutes: 3 }, meta());
    await h.services.receiveAccounts.changeAutoFetch(SYSTEM_ACTOR, { mailboxNumber: 1, intervalMinutes: 15 }, meta());
    await h.services.oauthCredentials.setEnabled(SYSTEM_ACTOR, { mailboxNumber: 1, credentialId, enabled: false }, meta());
    const fetchMeta = { now: h.clock.now(), actorId: null, correlationId: 'test' };
    for (const accountId of [imap.accountId, gone.accountId]) {
      const r = await handleCommand(h.store, receiveErrorsDecider, receiveErrorsStreamId(accountId), {
        type: 'RecordFetchOutcome',
        data: { mailboxNumber: 1, accountId, newEpisodeId: EPISODE, failure: { code: 'TIMEOUT', message: 'slow', serverResponse: null }, tooLarge: [] },
        metadata: fetchMeta,
      });
      await h.runner.waitForPosition(r.position!, 10_000);
    }
    await h.services.receiveAccounts.delete(SYSTEM_ACTOR, { mailboxNumber: 1, accountId: gone.accountId }, meta());

    const before = await snapshot();
    expect(before.credentials).toMatchObject([{ provider: 'MICROSOFT', tenant: 'common', enabled: 0, authorization_status: 'NOT_AUTHORIZED' }]);
    expect(JSON.parse(before.credentials[0]!.scopes)).toContain('offline_access');
    expect(before.accounts.map((a) => [a.display_name, a.password_set, a.oauth_credential_id, a.fetch_interval_minutes]).sort()).toEqual([
      ['IMAP', 0, credentialId, null],
      ['POP renamed', 1, null, 3],
    ]);
    expect(before.autoFetch).toMatchObject([{ mailbox_number: 1, enabled: 1, interval_minutes: 15 }]);
    expect(before.errors).toMatchObject([{ account_id: imap.accountId, code: 'TIMEOUT', cleared_at: null }]);
    const everything = JSON.stringify(before);
    for (const secret of ['ms-secret-value', 'pop-password-value', 'x-password', 'v1.']) expect(everything).not.toContain(secret);

    await h.runner.rebuild(['inbound.oauth_credentials', 'inbound.receive_accounts', 'inbound.receive_last_errors']);
    expect(await snapshot()).toEqual(before);
  });
});
