import { describe, it } from 'vitest';
import {
  MAX_MESSAGE_BYTES,
  receiveErrorsDecider,
  TOO_LARGE_MEMORY,
  type ReceiveErrorsCommand,
  type ReceiveErrorsEvent,
  type ReceiveFailure,
  type TooLargeMessage,
} from '../../../src/domain/inbound/receiveErrors.decider.js';
import { given, testMetadata } from '../../support/given.js';

const ACCOUNT = '55555555-5555-4555-8555-555555555555';
const EP1 = '66666666-6666-4666-8666-666666666661';
const EP2 = '66666666-6666-4666-8666-666666666662';
const ref = { mailboxNumber: 1, accountId: ACCOUNT };

const outcome = (failure: ReceiveFailure | null, tooLarge: TooLargeMessage[] = [], newEpisodeId = EP1): ReceiveErrorsCommand => ({
  type: 'RecordFetchOutcome',
  data: { ...ref, newEpisodeId, failure, tooLarge },
  metadata: testMetadata(),
});
const auth: ReceiveFailure = { code: 'AUTH', message: 'Authentication failed', serverResponse: 'NO [AUTHENTICATIONFAILED] Authentication failed.' };
const raised = (episodeId = EP1, failure = auth, supersedesEpisodeId: string | null = null): ReceiveErrorsEvent => ({
  type: 'ReceiveErrorRaised',
  data: { ...ref, ...failure, episodeId, supersedesEpisodeId },
});
const cleared = (episodeId = EP1, code: ReceiveFailure['code'] = 'AUTH'): ReceiveErrorsEvent => ({ type: 'ReceiveErrorCleared', data: { ...ref, episodeId, code } });

describe('Receive errors: episodes', () => {
  it('a success with no open episode appends nothing', () => given(receiveErrorsDecider).when(outcome(null)).thenNothing());

  it('the first failure opens an episode', () => given(receiveErrorsDecider).when(outcome(auth)).then(raised()));

  it('the same failure again is the same episode: nothing appended (one notice per episode)', () =>
    given(receiveErrorsDecider, [raised()]).when(outcome({ ...auth, message: 'again' }, [], EP2)).thenNothing());

  it('a different error code starts a new episode that supersedes the open one', () => {
    const timeout: ReceiveFailure = { code: 'TIMEOUT', message: 'No greeting within 10 s', serverResponse: null };
    given(receiveErrorsDecider, [raised()]).when(outcome(timeout, [], EP2)).then(raised(EP2, timeout, EP1));
  });

  it('the first success after failures clears the episode; a failure after that is a new episode', () => {
    given(receiveErrorsDecider, [raised()]).when(outcome(null)).then(cleared());
    given(receiveErrorsDecider, [raised(), cleared()]).when(outcome(auth, [], EP2)).then(raised(EP2));
  });

  it('refuses an unknown error code and truncates long texts', () => {
    given(receiveErrorsDecider).when(outcome({ code: 'BOGUS' as never, message: 'x', serverResponse: null })).thenThrows('VALIDATION', ['failure', 'code']);
    given(receiveErrorsDecider)
      .when(outcome({ code: 'PROTOCOL', message: 'm'.repeat(3000), serverResponse: 'r'.repeat(3000) }))
      .then(raised(EP1, { code: 'PROTOCOL', message: 'm'.repeat(2000), serverResponse: 'r'.repeat(2000) }));
  });
});

describe('Receive errors: messages over 25 MB', () => {
  const big: TooLargeMessage = { messageKey: '1700000000:42', sizeBytes: MAX_MESSAGE_BYTES + 1 };
  const tooLarge = (m: TooLargeMessage): ReceiveErrorsEvent => ({ type: 'ReceiveMessageTooLarge', data: { ...ref, ...m, limitBytes: MAX_MESSAGE_BYTES } });

  it('is reported once per message, alongside a success or a failure', () => {
    given(receiveErrorsDecider).when(outcome(null, [big])).then(tooLarge(big));
    given(receiveErrorsDecider, [tooLarge(big)]).when(outcome(null, [big])).thenNothing();
    const other = { messageKey: '1700000000:43', sizeBytes: 30_000_000 };
    given(receiveErrorsDecider, [tooLarge(big)]).when(outcome(auth, [big, other, other])).then([tooLarge(other), raised()]);
  });

  it('forgets the oldest reported message past the memory bound', () => {
    const many = Array.from({ length: TOO_LARGE_MEMORY }, (_, i) => tooLarge({ messageKey: `k${i}`, sizeBytes: MAX_MESSAGE_BYTES + 1 }));
    const extra = tooLarge({ messageKey: 'extra', sizeBytes: MAX_MESSAGE_BYTES + 1 });
    given(receiveErrorsDecider, [...many, extra])
      .when(outcome(null, [{ messageKey: 'k0', sizeBytes: MAX_MESSAGE_BYTES + 1 }, { messageKey: 'k1', sizeBytes: MAX_MESSAGE_BYTES + 1 }]))
      .then(tooLarge({ messageKey: 'k0', sizeBytes: MAX_MESSAGE_BYTES + 1 }));
  });
});
