import { describe, expect, it } from 'vitest';
import {
  chatDestinationsDecider,
  evolveChatDestinations,
  initialChatDestinationsState,
  requireChatCredential,
  type AddChatDestination,
  type ChangeChatDestination,
  type ChatDestinationAdded,
} from '../../../src/domain/integrations/chatDestinations.decider.js';
import { requireText } from '../../../src/domain/shared/text.js';
import { isMailroomError } from '../../../src/domain/shared/errors.js';
import { given, testMetadata } from '../../support/given.js';

const ID = '5b1c2f9e-4a61-4c39-9e0a-0d7d3f4b2a10';
const CIPHER = 'v1.0f3e1d2c-1b2a-4c3d-8e4f-5a6b7c8d9e0f.aaaa.bbbb.cccc';
const metadata = testMetadata();
const addChatwork = (data: Partial<AddChatDestination['data']> = {}): AddChatDestination => ({
  type: 'AddChatDestination',
  data: { mailboxNumber: 1, destinationId: ID, kind: 'CHATWORK', name: 'Ops room', roomId: '123456', eventKinds: ['RECEIVE_ERROR_CLEARED', 'ACCOUNT_LOCKED', 'RECEIVE_ERROR_CLEARED'], enabled: true, credentialCiphertext: CIPHER, ...data },
  metadata,
});
const added: ChatDestinationAdded = {
  type: 'ChatDestinationAdded',
  data: { mailboxNumber: 1, destinationId: ID, kind: 'CHATWORK', name: requireText([], 'Ops room', 'name'), roomId: '123456', eventKinds: ['RECEIVE_ERROR_CLEARED', 'ACCOUNT_LOCKED'], enabled: true, credentialCiphertext: CIPHER },
};
/** As stored before the receive kinds were split: one RECEIVE_ERROR for every receive notice. */
const addedBeforeSplit = {
  type: 'ChatDestinationAdded',
  data: { ...added.data, eventKinds: ['RECEIVE_ERROR', 'ACCOUNT_LOCKED'] },
} as unknown as ChatDestinationAdded;
const RECEIVE_KINDS = ['RECEIVE_ERROR_RAISED', 'RECEIVE_ERROR_CLEARED', 'MESSAGE_TOO_LARGE'] as const;
const change = (data: Partial<ChangeChatDestination['data']>): ChangeChatDestination => ({ type: 'ChangeChatDestination', data: { mailboxNumber: 1, destinationId: ID, ...data }, metadata });

const refusedPath = (f: () => unknown): readonly string[] => {
  try {
    f();
  } catch (e) {
    if (isMailroomError(e) && e.code === 'VALIDATION') return e.fieldPath;
    throw e;
  }
  throw new Error('accepted');
};

describe('chat destinations decider', () => {
  it('adds a Chatwork destination, de-duplicating event kinds', () => {
    given(chatDestinationsDecider).when(addChatwork()).then(added);
  });

  it('needs a numeric room id for Chatwork and refuses one for Slack', () => {
    given(chatDestinationsDecider).when(addChatwork({ roomId: null })).thenThrows('VALIDATION', ['roomId']);
    given(chatDestinationsDecider).when(addChatwork({ kind: 'SLACK', roomId: '1' })).thenThrows('VALIDATION', ['roomId']);
  });

  it('needs at least one known event kind', () => {
    given(chatDestinationsDecider).when(addChatwork({ eventKinds: [] })).thenThrows('VALIDATION', ['eventKinds']);
    given(chatDestinationsDecider).when(addChatwork({ eventKinds: ['EVERYTHING' as never] })).thenThrows('VALIDATION', ['eventKinds', '0']);
  });

  it('changes event kinds and credential, listing what changed, and nothing when unchanged', () => {
    given(chatDestinationsDecider, [added])
      .when({ type: 'ChangeChatDestination', data: { mailboxNumber: 1, destinationId: ID, eventKinds: ['OAUTH_REAUTHORIZATION_REQUIRED'], credentialCiphertext: CIPHER }, metadata })
      .then({
        type: 'ChatDestinationChanged',
        data: { mailboxNumber: 1, destinationId: ID, name: 'Ops room', roomId: '123456', eventKinds: ['OAUTH_REAUTHORIZATION_REQUIRED'], enabled: true, credentialCiphertext: CIPHER, changedFields: ['eventKinds', 'credential'] },
      });
    given(chatDestinationsDecider, [added]).when({ type: 'ChangeChatDestination', data: { mailboxNumber: 1, destinationId: ID, name: 'Ops room' }, metadata }).thenNothing();
  });

  it('keeps the receive kinds apart: a destination may follow only the clearing of errors, or resets', () => {
    given(chatDestinationsDecider).when(addChatwork({ eventKinds: ['RECEIVE_ERROR_CLEARED'] })).then({ ...added, data: { ...added.data, eventKinds: ['RECEIVE_ERROR_CLEARED'] } });
    given(chatDestinationsDecider).when(addChatwork({ eventKinds: ['MAILBOX_RESET', 'MESSAGE_TOO_LARGE'] })).then({ ...added, data: { ...added.data, eventKinds: ['MAILBOX_RESET', 'MESSAGE_TOO_LARGE'] } });
  });

  it('reads a stored RECEIVE_ERROR subscription as all receive kinds', () => {
    const state = evolveChatDestinations(initialChatDestinationsState(), addedBeforeSplit);
    expect(state.destinations.get(ID)!.eventKinds).toEqual([...RECEIVE_KINDS, 'ACCOUNT_LOCKED']);
    const changedBeforeSplit = { type: 'ChatDestinationChanged', data: { ...added.data, eventKinds: ['ACCOUNT_LOCKED', 'RECEIVE_ERROR'], changedFields: ['eventKinds'] } } as never;
    expect(evolveChatDestinations(state, changedBeforeSplit).destinations.get(ID)!.eventKinds).toEqual(['ACCOUNT_LOCKED', ...RECEIVE_KINDS]);
  });

  it('decides on an old RECEIVE_ERROR subscription as on the receive kinds', () => {
    // The same subscription in the new words is no change.
    given(chatDestinationsDecider, [addedBeforeSplit]).when(change({ eventKinds: [...RECEIVE_KINDS, 'ACCOUNT_LOCKED'] })).thenNothing();
    // Narrowing it to the clearing of errors drops the raised ones.
    given(chatDestinationsDecider, [addedBeforeSplit])
      .when(change({ eventKinds: ['RECEIVE_ERROR_CLEARED'] }))
      .then({
        type: 'ChatDestinationChanged',
        data: { mailboxNumber: 1, destinationId: ID, name: 'Ops room', roomId: '123456', eventKinds: ['RECEIVE_ERROR_CLEARED'], enabled: true, changedFields: ['eventKinds'] },
      });
    // Another edit keeps the subscription, written in the new kinds.
    given(chatDestinationsDecider, [addedBeforeSplit])
      .when(change({ name: 'Ops' }))
      .then({
        type: 'ChatDestinationChanged',
        data: { mailboxNumber: 1, destinationId: ID, name: 'Ops', roomId: '123456', eventKinds: [...RECEIVE_KINDS, 'ACCOUNT_LOCKED'], enabled: true, changedFields: ['name'] },
      });
  });

  it('still takes RECEIVE_ERROR on input, as the three receive kinds', () => {
    given(chatDestinationsDecider)
      .when(addChatwork({ eventKinds: ['ACCOUNT_LOCKED', 'RECEIVE_ERROR' as never, 'MESSAGE_TOO_LARGE'] }))
      .then({ ...added, data: { ...added.data, eventKinds: ['ACCOUNT_LOCKED', ...RECEIVE_KINDS] } });
  });

  it('checks the plaintext credential of each kind', () => {
    expect(requireChatCredential('SLACK', 'https://hooks.slack.com/services/T000/B000/XXXX')).toBe('https://hooks.slack.com/services/T000/B000/XXXX');
    expect(refusedPath(() => requireChatCredential('SLACK', 'https://evil.example.com/services/x'))).toEqual(['webhookUrl']);
    expect(refusedPath(() => requireChatCredential('SLACK', 'http://hooks.slack.com/services/x'))).toEqual(['webhookUrl']);
    expect(refusedPath(() => requireChatCredential('TEAMS', 'javascript:alert(1)'))).toEqual(['webhookUrl']);
    expect(requireChatCredential('TEAMS', 'https://prod-01.japaneast.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=x')).toContain('logic.azure.com');
    expect(refusedPath(() => requireChatCredential('CHATWORK', 'short'))).toEqual(['apiToken']);
    expect(requireChatCredential('CHATWORK', ' 0123456789abcdef0123456789abcdef ')).toBe('0123456789abcdef0123456789abcdef');
  });
});
