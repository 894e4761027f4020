import { describe, it } from 'vitest';
import {
  messageChannelsDecider,
  type ConfigureMessageChannel,
  type MessageChannelConfigured,
} from '../../../src/domain/integrations/messageChannels.decider.js';
import { given, testMetadata } from '../../support/given.js';

const metadata = testMetadata();
const CIPHER_A = 'v1.0f3e1d2c-1b2a-4c3d-8e4f-5a6b7c8d9e0f.aaaa.bbbb.cccc';
const CIPHER_B = 'v1.0f3e1d2c-1b2a-4c3d-8e4f-5a6b7c8d9e0f.dddd.eeee.ffff';

const configureLine = (data: Partial<ConfigureMessageChannel['data']> = {}): ConfigureMessageChannel => ({
  type: 'ConfigureMessageChannel',
  data: {
    mailboxNumber: 2,
    channel: 'LINE',
    settings: { channelId: '1234567890' },
    secretCiphertexts: { channelSecret: CIPHER_A, channelAccessToken: CIPHER_B },
    ...data,
  },
  metadata,
});
const lineConfigured: MessageChannelConfigured = {
  type: 'MessageChannelConfigured',
  data: {
    mailboxNumber: 2,
    channel: 'LINE',
    settings: { channelId: '1234567890' },
    secretCiphertexts: { channelSecret: CIPHER_A, channelAccessToken: CIPHER_B },
    enabled: true,
    changedFields: ['channelId', 'channelSecret', 'channelAccessToken'],
  },
};

describe('message channels decider', () => {
  it('configures LINE, enabled by default, with the mailbox number in the event', () => {
    given(messageChannelsDecider).when(configureLine()).then(lineConfigured);
  });

  it('needs every setting and secret the first time', () => {
    given(messageChannelsDecider).when(configureLine({ settings: {} })).thenThrows('VALIDATION', ['channelId']);
    given(messageChannelsDecider).when(configureLine({ secretCiphertexts: { channelSecret: CIPHER_A } })).thenThrows('VALIDATION', ['channelAccessToken']);
  });

  it('validates settings per channel and refuses settings another channel has', () => {
    given(messageChannelsDecider).when(configureLine({ settings: { channelId: '12345' } })).thenThrows('VALIDATION', /10-digit.*"12345"/);
    given(messageChannelsDecider).when(configureLine({ settings: { channelId: '1234567890', shopId: '1' } })).thenThrows('VALIDATION', ['shopId']);
    given(messageChannelsDecider)
      .when({ type: 'ConfigureMessageChannel', data: { mailboxNumber: 2, channel: 'RAKUTEN_RMESSE', settings: { shopId: 'abc' }, secretCiphertexts: {} }, metadata })
      .thenThrows('VALIDATION', ['shopId']);
    given(messageChannelsDecider).when(configureLine({ channel: 'WECHAT' as never })).thenThrows('VALIDATION', ['channel']);
  });

  it('refuses a plaintext where a ciphertext belongs', () => {
    given(messageChannelsDecider).when(configureLine({ secretCiphertexts: { channelSecret: 'plain', channelAccessToken: CIPHER_B } })).thenThrows('VALIDATION', ['channelSecret']);
  });

  it('keeps omitted settings and secrets on a later change, and lists what changed', () => {
    given(messageChannelsDecider, [lineConfigured])
      .when(configureLine({ settings: {}, secretCiphertexts: { channelAccessToken: CIPHER_A } }))
      .then({
        type: 'MessageChannelConfigured',
        data: { mailboxNumber: 2, channel: 'LINE', settings: { channelId: '1234567890' }, secretCiphertexts: { channelAccessToken: CIPHER_A }, enabled: true, changedFields: ['channelAccessToken'] },
      });
    given(messageChannelsDecider, [lineConfigured])
      .when(configureLine({ settings: { channelId: '1111111111' }, secretCiphertexts: {} }))
      .then({
        type: 'MessageChannelConfigured',
        data: { mailboxNumber: 2, channel: 'LINE', settings: { channelId: '1111111111' }, enabled: true, changedFields: ['channelId'] },
      });
  });

  it('appends nothing for an unchanged configuration or enabling an enabled channel', () => {
    given(messageChannelsDecider, [lineConfigured]).when(configureLine({ secretCiphertexts: {} })).thenNothing();
    given(messageChannelsDecider, [lineConfigured]).when({ type: 'SetMessageChannelEnabled', data: { mailboxNumber: 2, channel: 'LINE', enabled: true }, metadata }).thenNothing();
  });

  it('disables, and refuses to touch a channel that is not configured', () => {
    given(messageChannelsDecider, [lineConfigured])
      .when({ type: 'SetMessageChannelEnabled', data: { mailboxNumber: 2, channel: 'LINE', enabled: false }, metadata })
      .then({ type: 'MessageChannelDisabled', data: { mailboxNumber: 2, channel: 'LINE' } });
    given(messageChannelsDecider).when({ type: 'RemoveMessageChannel', data: { mailboxNumber: 2, channel: 'YAHOO_SHOPPING' }, metadata }).thenThrows('NOT_FOUND', ['channel']);
  });

  it('after removal a channel needs all of its secrets again', () => {
    const removed = { type: 'MessageChannelRemoved' as const, data: { mailboxNumber: 2, channel: 'LINE' as const } };
    given(messageChannelsDecider, [lineConfigured, removed]).when(configureLine({ secretCiphertexts: { channelSecret: CIPHER_A } })).thenThrows('VALIDATION', ['channelAccessToken']);
  });
});
