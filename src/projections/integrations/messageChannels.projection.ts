import { messageChannelsEventTypes, type MessageChannelsEvent } from '../../domain/integrations/messageChannels.decider.js';
import { eventTime } from '../identity/eventTime.js';
import type { Projection } from '../projection.js';
import type { MailboxSettingsWiped } from '../../domain/shared/mailboxReset.js';
import { appliedMailboxWipe } from '../reset/mailboxWipe.js';
import { eventAs } from '../../eventstore/eventAs.js';

/** `message_channels`: settings and which secrets are set; the ciphertexts never land here. */
export const messageChannelsProjection: Projection = {
  name: 'integrations.message_channels',
  eventTypes: messageChannelsEventTypes,
  tables: ['message_channels'],
  async apply(trx, recorded) {
    if (await appliedMailboxWipe(trx, recorded, 'message-channels-', ['message_channels'])) return;
    const event = eventAs<Exclude<MessageChannelsEvent, MailboxSettingsWiped>>(recorded);
    const at = eventTime(recorded);
    const { mailboxNumber, channel } = event.data;
    const row = trx.updateTable('message_channels').where('mailbox_number', '=', mailboxNumber).where('channel', '=', channel);
    switch (event.type) {
      case 'MessageChannelConfigured': {
        const d = event.data;
        const existing = await trx
          .selectFrom('message_channels')
          .select('secrets_set')
          .where('mailbox_number', '=', mailboxNumber)
          .where('channel', '=', channel)
          .executeTakeFirst();
        const secretsSet = [...new Set([...(existing ? (JSON.parse(existing.secrets_set) as string[]) : []), ...Object.keys(d.secretCiphertexts ?? {})])].sort();
        const values = { settings: JSON.stringify(d.settings), secrets_set: JSON.stringify(secretsSet), enabled: d.enabled ? 1 : 0, updated_at: at };
        if (existing) await row.set(values).execute();
        else await trx.insertInto('message_channels').values({ mailbox_number: mailboxNumber, channel, ...values, created_at: at }).execute();
        return;
      }
      case 'MessageChannelEnabled':
        await row.set({ enabled: 1, updated_at: at }).execute();
        return;
      case 'MessageChannelDisabled':
        await row.set({ enabled: 0, updated_at: at }).execute();
        return;
      case 'MessageChannelRemoved':
        await trx.deleteFrom('message_channels').where('mailbox_number', '=', mailboxNumber).where('channel', '=', channel).execute();
        return;
      default:
        return;
    }
  },
};
