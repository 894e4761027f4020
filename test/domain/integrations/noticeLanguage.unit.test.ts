import { describe, expect, it } from 'vitest';
import {
  effectiveNoticeLanguage,
  evolveNoticeLanguage,
  initialNoticeLanguageState,
  noticeLanguageDecider,
  type NoticeLanguageEvent,
  type NoticeLanguageSet,
  type SetNoticeLanguage,
} from '../../../src/domain/integrations/noticeLanguage.decider.js';
import { given, testMetadata } from '../../support/given.js';

const metadata = testMetadata();
const set = (language: string, mailboxNumber = 1): SetNoticeLanguage => ({ type: 'SetNoticeLanguage', data: { mailboxNumber, language: language as never }, metadata });
const wasSet = (language: 'ja' | 'en', previous: 'ja' | 'en' | null): NoticeLanguageSet => ({ type: 'NoticeLanguageSet', data: { mailboxNumber: 1, language, previous } });
const wiped: NoticeLanguageEvent = { type: 'MailboxSettingsWiped', data: { mailboxNumber: 1, resetPosition: 7 } };

describe('notice language decider', () => {
  it('records the first choice with no previous language', () => {
    given(noticeLanguageDecider).when(set('en')).then(wasSet('en', null));
  });

  it('pins the deployment default when chosen explicitly', () => {
    given(noticeLanguageDecider).when(set('ja')).then(wasSet('ja', null));
  });

  it('records a change with the language it replaces', () => {
    given(noticeLanguageDecider, [wasSet('en', null)]).when(set('ja')).then(wasSet('ja', 'en'));
  });

  it('appends nothing when the language is already chosen', () => {
    given(noticeLanguageDecider, [wasSet('en', null)]).when(set('en')).thenNothing();
  });

  it.each(['fr', 'JA', '', null, 1])('refuses the language %j', (language) => {
    given(noticeLanguageDecider).when(set(language as string)).thenThrows('VALIDATION', ['language']);
  });

  it('refuses a mailbox No. that is not a positive integer', () => {
    given(noticeLanguageDecider).when(set('ja', 0)).thenThrows('VALIDATION', ['mailboxNumber']);
  });

  it('forgets the choice on a mailbox reset, so a new choice has no previous language', () => {
    given(noticeLanguageDecider, [wasSet('en', null), wiped]).when(set('en')).then(wasSet('en', null));
  });

  it('falls back to the deployment default while nothing is chosen', () => {
    expect(effectiveNoticeLanguage(initialNoticeLanguageState(), 'en')).toBe('en');
    expect(effectiveNoticeLanguage(evolveNoticeLanguage(initialNoticeLanguageState(), wasSet('ja', null)), 'en')).toBe('ja');
    expect(effectiveNoticeLanguage(evolveNoticeLanguage(evolveNoticeLanguage(initialNoticeLanguageState(), wasSet('ja', null)), wiped), 'en')).toBe('en');
  });
});
