import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigurationAsOfDocument,
  ConfigureLineChannelDocument,
  ConfigureRakutenRMesseChannelDocument,
  ConfigureYahooShoppingChannelDocument,
  LoginDocument,
  MessageChannelsDocument,
  RemoveMessageChannelDocument,
  SetMessageChannelEnabledDocument,
  SettingsHistoryDocument,
} from '../generated/graphql.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';

const pgAvailable = await postgresAvailable();

const LINE_SECRET = '0123456789abcdef0123456789abcdef';
const LINE_TOKEN = 'line-access-token-XYZ-42';
const RMS_SECRET = 'SP123456_rms-service-secret';
const RMS_LICENSE = 'SL123456_rms-license-key';
const YAHOO_SECRET = 'yahoo-client-secret-987';
const plaintexts = [LINE_SECRET, LINE_TOKEN, RMS_SECRET, RMS_LICENSE, YAHOO_SECRET];

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('message channels end to end on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let admin: string;
  const eventCount = async () => (await server.app.services.store.readAll({ fromPosition: 1, max: 100_000 })).length;

  beforeAll(async () => {
    if (!enabled) return;
    server = await startTestServer({ storage });
    admin = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it.skipIf(!enabled)('turns invalid settings and secrets into userErrors and appends nothing', async () => {
    const before = await eventCount();
    const badId = await gql(server.url, ConfigureLineChannelDocument, { input: { mailboxNumber: 1, channelId: '12', channelSecret: LINE_SECRET, channelAccessToken: LINE_TOKEN } }, { token: admin });
    expect(badId.data!.configureLineChannel.userErrors).toEqual([{ path: ['input', 'channelId'], code: 'VALIDATION', message: expect.stringContaining('10-digit') }]);
    const badSecret = await gql(server.url, ConfigureLineChannelDocument, { input: { mailboxNumber: 1, channelId: '1234567890', channelSecret: 'not-hex', channelAccessToken: LINE_TOKEN } }, { token: admin });
    expect(badSecret.data!.configureLineChannel.userErrors).toEqual([{ path: ['input', 'channelSecret'], code: 'VALIDATION', message: expect.stringContaining('32 hexadecimal') }]);
    expect(JSON.stringify(badSecret)).not.toContain('not-hex');
    const missing = await gql(server.url, ConfigureRakutenRMesseChannelDocument, { input: { mailboxNumber: 1, shopId: '123', serviceSecret: RMS_SECRET } }, { token: admin });
    expect(missing.data!.configureRakutenRMesseChannel.userErrors).toEqual([{ path: ['input', 'licenseKey'], code: 'VALIDATION', message: expect.stringContaining('required') }]);
    const notConfigured = await gql(server.url, SetMessageChannelEnabledDocument, { input: { mailboxNumber: 1, channel: 'YAHOO_SHOPPING', enabled: false } }, { token: admin });
    expect(notConfigured.data!.setMessageChannelEnabled.userErrors[0]).toMatchObject({ path: ['input', 'channel'], code: 'NOT_FOUND' });
    expect(await eventCount()).toBe(before);
  });

  it.skipIf(!enabled)('stores the three channels with write-only secrets', async () => {
    const line = await gql(
      server.url,
      ConfigureLineChannelDocument,
      { input: { mailboxNumber: 1, channelId: '1234567890', channelSecret: LINE_SECRET, channelAccessToken: LINE_TOKEN, reason: 'LINE option' } },
      { token: admin },
    );
    expect(line.data!.configureLineChannel.userErrors).toEqual([]);
    expect(line.data!.configureLineChannel.messageChannels!.line).toMatchObject({ channelId: '1234567890', channelSecretSet: true, channelAccessTokenSet: true, enabled: true });
    await gql(server.url, ConfigureYahooShoppingChannelDocument, { input: { mailboxNumber: 1, sellerId: 'my-store', applicationId: 'dj00aiZpPWFiYw--', applicationSecret: YAHOO_SECRET, enabled: false } }, { token: admin });
    await gql(server.url, ConfigureRakutenRMesseChannelDocument, { input: { mailboxNumber: 1, shopId: '123456', serviceSecret: RMS_SECRET, licenseKey: RMS_LICENSE } }, { token: admin });
    const disabled = await gql(server.url, SetMessageChannelEnabledDocument, { input: { mailboxNumber: 1, channel: 'LINE', enabled: false } }, { token: admin });
    expect(disabled.data!.setMessageChannelEnabled.messageChannels!.line!.enabled).toBe(false);

    const read = await gql(server.url, MessageChannelsDocument, { mailboxNumber: 1 }, { token: admin });
    expect(read.data!.messageChannels).toMatchObject({
      mailboxNumber: 1,
      line: { channelId: '1234567890', channelSecretSet: true, channelAccessTokenSet: true, enabled: false },
      yahooShopping: { sellerId: 'my-store', applicationId: 'dj00aiZpPWFiYw--', applicationSecretSet: true, enabled: false },
      rakutenRMesse: { shopId: '123456', serviceSecretSet: true, licenseKeySet: true, enabled: true },
    });

    // Neither the API, nor the events, nor the read model ever hold a plaintext secret.
    const events = JSON.stringify(await server.app.services.store.readAll({ fromPosition: 1, max: 100_000 }));
    const rows = JSON.stringify(await server.app.services.db.selectFrom('message_channels').selectAll().execute());
    const config = await gql(server.url, ConfigurationAsOfDocument, { mailboxNumber: 1 }, { token: admin });
    const history = await gql(server.url, SettingsHistoryDocument, { filter: { mailboxNumber: 1, area: 'integrations' }, first: 50 }, { token: admin });
    for (const text of [JSON.stringify(read), events, rows, JSON.stringify(config), JSON.stringify(history)]) {
      for (const secret of plaintexts) expect(text).not.toContain(secret);
    }
    expect(rows).not.toContain('v1.');
    const section = config.data!.configurationAsOf.sections.find((s) => s.name === 'integrations.message_channels');
    expect(section?.value).toMatchObject({ LINE: { channelId: '1234567890', channelSecret: '(set)', channelAccessToken: '(set)', enabled: false } });
    const configured = history.data!.settingsHistory.edges.map((e) => e.node).find((n) => n.type === 'MessageChannelConfigured');
    expect(configured).toMatchObject({ mailboxNumber: 1, section: 'integrations.message_channels', reason: 'LINE option' });
  });

  it.skipIf(!enabled)('keeps secrets on a partial change and forgets them on removal', async () => {
    const changed = await gql(server.url, ConfigureLineChannelDocument, { input: { mailboxNumber: 1, channelId: '9999999999' } }, { token: admin });
    expect(changed.data!.configureLineChannel.messageChannels!.line).toMatchObject({ channelId: '9999999999', channelSecretSet: true, channelAccessTokenSet: true });
    const removed = await gql(server.url, RemoveMessageChannelDocument, { input: { mailboxNumber: 1, channel: 'LINE' } }, { token: admin });
    expect(removed.data!.removeMessageChannel.messageChannels!.line).toBeNull();
    const again = await gql(server.url, ConfigureLineChannelDocument, { input: { mailboxNumber: 1, channelId: '9999999999', channelSecret: LINE_SECRET } }, { token: admin });
    expect(again.data!.configureLineChannel.userErrors).toMatchObject([{ path: ['input', 'channelAccessToken'], code: 'VALIDATION' }]);
  });
});
