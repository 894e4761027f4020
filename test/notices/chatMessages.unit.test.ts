import { describe, expect, it } from 'vitest';
import { requireChatCredential } from '../../src/domain/integrations/chatDestinations.decider.js';
import { parseRetryAfter, requireAccepted } from '../../src/mail/notices/chat/chatHttp.js';
import { loadChatConfig } from '../../src/mail/notices/chat/chatConfig.js';
import { renderChatMessage } from '../../src/mail/notices/chat/chatMessage.js';
import { NoticeDeliveryError, NoticeKind } from '../../src/mail/notices/notice.js';
import { chatEventKindOf } from '../../src/mail/notices/noticeFanout.js';

const now = new Date('2026-11-27T00:00:00Z');
const refusal = (status: number, retryAfter: string | null = null): NoticeDeliveryError => {
  try {
    requireAccepted({ status, bodyExcerpt: 'answer', retryAfter }, now);
  } catch (e) {
    return e as NoticeDeliveryError;
  }
  throw new Error(`HTTP ${status} was accepted`);
};

describe('chat delivery rules', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('30', now)).toEqual(new Date('2026-11-27T00:00:30Z'));
    expect(parseRetryAfter('Fri, 27 Nov 2026 00:10:00 GMT', now)).toEqual(new Date('2026-11-27T00:10:00Z'));
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('retries 5xx, 408 and 429, gives up on other 4xx at once', () => {
    expect(() => requireAccepted({ status: 204, bodyExcerpt: '', retryAfter: null }, now)).not.toThrow();
    for (const status of [500, 502, 503, 408]) expect(refusal(status)).toMatchObject({ permanent: false, retryAt: null });
    expect(refusal(429, '60')).toMatchObject({ permanent: false, retryAt: new Date('2026-11-27T00:01:00Z') });
    for (const status of [400, 401, 403, 404, 410, 302]) expect(refusal(status)).toMatchObject({ permanent: true, message: `Chat provider answered HTTP ${status}: answer` });
  });

  it('renders every notice kind in Japanese and English', () => {
    for (const kind of Object.values(NoticeKind)) {
      const notice = { kind, mailboxNumber: 3, subject: 'Subject', text: 'Details' };
      const ja = renderChatMessage(notice, 'ja');
      const en = renderChatMessage(notice, 'en');
      expect(ja.title).toMatch(/^\[Mailroom\] .+ \(メールボックス No\.3\)$/);
      expect(ja.title).toMatch(/[ぁ-んァ-ヶ一-龠]/);
      expect(en.title).toMatch(/^\[Mailroom\] [A-Za-z ,'-]+ \(Mailbox No\. 3\)$/);
      expect(ja.text).toContain('Details');
      expect(en.text).toContain('Details');
    }
  });

  it('maps notice kinds to the chat event kinds destinations subscribe to', () => {
    expect(chatEventKindOf(NoticeKind.RECEIVE_ERROR_RAISED)).toBe('RECEIVE_ERROR');
    expect(chatEventKindOf(NoticeKind.USER_LOCKED)).toBe('ACCOUNT_LOCKED');
    expect(chatEventKindOf(NoticeKind.OAUTH_REAUTHORIZATION_REQUIRED)).toBe('OAUTH_REAUTHORIZATION_REQUIRED');
    expect(chatEventKindOf(NoticeKind.USER_UNLOCKED)).toBeNull();
    expect(chatEventKindOf(NoticeKind.TEST)).toBeNull();
  });

  it('accepts loopback http webhooks only when the deployment allows them', () => {
    expect(() => requireChatCredential('SLACK', 'http://127.0.0.1:8080/hook')).toThrow(/hooks\.slack\.com/);
    expect(requireChatCredential('SLACK', 'http://127.0.0.1:8080/hook', true)).toBe('http://127.0.0.1:8080/hook');
    expect(requireChatCredential('TEAMS', 'http://127.0.0.1:8080/flow', true)).toBe('http://127.0.0.1:8080/flow');
    expect(() => requireChatCredential('SLACK', 'http://10.0.0.1:8080/hook', true)).toThrow();
    expect(() => requireChatCredential('SLACK', 'http://localhost:8080/hook', true)).toThrow();
    const problems: string[] = [];
    expect(loadChatConfig({}, problems)).toEqual({ chatworkApiUrl: 'https://api.chatwork.com/v2', allowLoopbackWebhooks: false, language: 'ja', timeoutMs: 10_000 });
    loadChatConfig({ MAILROOM_ALLOW_LOOPBACK_WEBHOOKS: 'yes', MAILROOM_NOTICE_LANGUAGE: 'fr' }, problems);
    expect(problems).toHaveLength(2);
  });
});
