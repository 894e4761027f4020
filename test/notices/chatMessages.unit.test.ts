import { describe, expect, it } from 'vitest';
import { requireChatCredential } from '../../src/domain/integrations/chatDestinations.decider.js';
import { parseRetryAfter, requireAccepted } from '../../src/mail/notices/chat/chatHttp.js';
import { chatworkEscape, chatworkRequest, slackRequest } from '../../src/mail/notices/chat/chatRequests.js';
import { loadChatConfig } from '../../src/mail/notices/chat/chatConfig.js';
import { NoticeDeliveryError, NoticeKind } from '../../src/mail/notices/notice.js';
import { chatEventKindOf } from '../../src/mail/notices/noticeFanout.js';
import { renderNotice, type NoticeContent, type NoticeFacts } from '../../src/mail/notices/texts/index.js';

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

  it('renders every notice kind in Japanese and English, for e-mail and chat', () => {
    const account = { mailboxNumber: 3, displayName: 'Details', protocol: 'POP3', username: 'support', host: 'pop.example.com', port: 995 };
    const at = new Date('2026-11-27T00:00:00Z');
    const facts: { readonly [K in NoticeKind]: NoticeFacts[K] } = {
      RECEIVE_ERROR_RAISED: { account, code: 'AUTH', message: 'Details', serverResponse: '-ERR denied' },
      MAILBOX_OVER_LIMIT: { account, code: 'OVER_LIMIT', message: 'Details', serverResponse: null },
      RECEIVE_ERROR_CLEARED: { account, code: 'AUTH' },
      MESSAGE_TOO_LARGE: { account, sizeBytes: 30 * 1024 * 1024, limitBytes: 25 * 1024 * 1024, messageKey: 'uidl:Details' },
      OAUTH_REAUTHORIZATION_REQUIRED: { mailboxNumber: 3, credentialName: 'Google', provider: 'GOOGLE', providerAnswer: 'Details', accountNames: ['Support'] },
      USER_LOCKED: { username: 'paul', displayName: 'Details', failedAttempts: 3, policyMailboxNumber: 3, threshold: 3, lockedAt: at, clientIp: '192.0.2.1' },
      USER_UNLOCKED: { username: 'paul', displayName: 'Details', unlockedAt: at, unlockedBy: 'admin', reason: 'Called the user' },
      MAILBOX_RESET: { mailboxNumber: 3, nameBefore: 'Details', nameAfter: 'Sales', resetAt: at },
      // The network is what every rendering must name; 'Details' stands in for it here.
      ADDRESS_BLOCKED: { network: 'Details', failures: 50, blockedAt: at, until: new Date(at.getTime() + 15 * 60_000) },
      SETTING_CHANGED: { mailboxNumber: 3, area: 'outbound.smtp', actor: 'Details', reason: null, changedAt: at },
      TEST: { destinationName: 'Details', sentAt: at },
    };
    for (const kind of Object.values(NoticeKind)) {
      const content = { kind, facts: facts[kind] } as NoticeContent;
      const ja = renderNotice(content, 3, 'ja');
      const en = renderNotice(content, 3, 'en');
      expect(ja.chat.title).toMatch(/^\[Mailroom\] .+ \(メールボックス No\.3\)$/);
      expect(ja.chat.title).toMatch(/[ぁ-んァ-ヶ一-龠]/);
      expect(ja.email.subject).toMatch(/^\[Mailroom\] .*[ぁ-んァ-ヶ一-龠]/);
      expect(en.chat.title).toMatch(/^\[Mailroom\] [A-Za-z ,'-]+ \(Mailbox No\. 3\)$/);
      expect(en.email.subject).not.toMatch(/[ぁ-んァ-ヶ一-龠]/);
      expect(en.email.text).not.toMatch(/[ぁ-んァ-ヶ一-龠]/);
      for (const rendered of [ja, en]) {
        expect(`${rendered.email.subject}\n${rendered.email.text}`).toContain('Details');
        expect(rendered.chat.text).toBe(rendered.email.text.trimEnd());
      }
    }
  });

  it('writes Japanese times in Japan time', () => {
    const locked = renderNotice({ kind: 'USER_LOCKED', facts: { username: 'paul', displayName: 'Paul', failedAttempts: 5, policyMailboxNumber: 2, threshold: 5, lockedAt: new Date('2026-11-27T15:30:00Z'), clientIp: null } }, 1, 'ja');
    expect(locked.email.subject).toBe('[Mailroom] アカウントロック：paul');
    expect(locked.email.text).toContain('2026/11/28 00:30:00（日本時間）にロックされました');
    expect(locked.email.text).toContain('メールボックス No.2 のアカウントロックの設定（ログイン失敗 5 回でロック）が適用されました。');
  });

  it('tells a blocked network, how many failures and until when, in Japan time for Japanese', () => {
    const facts = { network: '203.0.113.0/24', failures: 50, blockedAt: new Date('2026-11-27T15:30:00Z'), until: new Date('2026-11-27T15:45:00Z') };
    const ja = renderNotice({ kind: 'ADDRESS_BLOCKED', facts }, 1, 'ja');
    expect(ja.email.subject).toBe('[Mailroom] 接続元ブロック：203.0.113.0/24');
    expect(ja.email.text).toContain('接続元 203.0.113.0/24 からのログインを 2026/11/28 00:30:00（日本時間）から 2026/11/28 00:45:00（日本時間）まで拒否します。');
    expect(ja.email.text).toContain('ログインに 50 回失敗しました');
    const en = renderNotice({ kind: 'ADDRESS_BLOCKED', facts }, 1, 'en');
    expect(en.email.subject).toBe('[Mailroom] Logins refused from 203.0.113.0/24 until 2026-11-27T15:45:00.000Z');
    expect(en.chat.title).toBe('[Mailroom] Client address blocked after failed logins (Mailbox No. 1)');
    expect(en.email.text).toContain('50 logins from there failed');
  });

  it('maps notice kinds to the chat event kinds destinations subscribe to', () => {
    expect(chatEventKindOf(NoticeKind.RECEIVE_ERROR_RAISED)).toBe('RECEIVE_ERROR_RAISED');
    // The source server over its message limit is a raised receive error (cleared like the others).
    expect(chatEventKindOf(NoticeKind.MAILBOX_OVER_LIMIT)).toBe('RECEIVE_ERROR_RAISED');
    expect(chatEventKindOf(NoticeKind.RECEIVE_ERROR_CLEARED)).toBe('RECEIVE_ERROR_CLEARED');
    expect(chatEventKindOf(NoticeKind.MESSAGE_TOO_LARGE)).toBe('MESSAGE_TOO_LARGE');
    expect(chatEventKindOf(NoticeKind.USER_LOCKED)).toBe('ACCOUNT_LOCKED');
    expect(chatEventKindOf(NoticeKind.OAUTH_REAUTHORIZATION_REQUIRED)).toBe('OAUTH_REAUTHORIZATION_REQUIRED');
    expect(chatEventKindOf(NoticeKind.USER_UNLOCKED)).toBe('ACCOUNT_UNLOCKED');
    expect(chatEventKindOf(NoticeKind.SETTING_CHANGED)).toBe('SETTING_CHANGED');
    expect(chatEventKindOf(NoticeKind.MAILBOX_RESET)).toBe('MAILBOX_RESET');
    expect(chatEventKindOf(NoticeKind.ADDRESS_BLOCKED)).toBe('ADDRESS_BLOCKED');
    expect(chatEventKindOf(NoticeKind.TEST)).toBeNull();
  });

  it('accepts loopback http webhooks only when the deployment allows them', () => {
    expect(() => requireChatCredential('SLACK', 'http://127.0.0.1:8080/hook')).toThrow(/hooks\.slack\.com/);
    expect(requireChatCredential('SLACK', 'http://127.0.0.1:8080/hook', true)).toBe('http://127.0.0.1:8080/hook');
    expect(requireChatCredential('TEAMS', 'http://127.0.0.1:8080/flow', true)).toBe('http://127.0.0.1:8080/flow');
    expect(() => requireChatCredential('SLACK', 'http://10.0.0.1:8080/hook', true)).toThrow();
    expect(() => requireChatCredential('SLACK', 'http://localhost:8080/hook', true)).toThrow();
    const problems: string[] = [];
    expect(loadChatConfig({}, problems)).toEqual({ chatworkApiUrl: 'https://api.chatwork.com/v2', language: 'ja', timeoutMs: 10_000, claimMs: 60_000 });
    // MAILROOM_ALLOW_LOOPBACK_WEBHOOKS is read with the egress policy (src/server/config.ts).
    loadChatConfig({ MAILROOM_ALLOW_LOOPBACK_WEBHOOKS: 'yes', MAILROOM_NOTICE_LANGUAGE: 'fr' }, problems);
    expect(problems).toHaveLength(1);
    const claims: string[] = [];
    loadChatConfig({ MAILROOM_CHAT_TIMEOUT_MS: '5000', MAILROOM_NOTICE_CLAIM_MS: '5000' }, claims);
    expect(claims).toEqual(['MAILROOM_NOTICE_CLAIM_MS (5000) must be longer than MAILROOM_CHAT_TIMEOUT_MS (5000)']);
  });
});

describe('chat requests: stored names cannot become markup (issue 20)', () => {
  const message = { title: 'Mailbox No. 1 "[toall] <!channel>"', text: 'Account [To:123] & [/info][info]x' };

  it('Slack: the mrkdwn fallback escapes & < >, so <!channel> does not ping', () => {
    const body = JSON.parse(slackRequest('https://hooks.slack.com/services/T/B/X', message).body) as { text: string; blocks: { text: { text: string } }[] };
    expect(body.text).toBe('Mailbox No. 1 "[toall] &lt;!channel&gt;"\nAccount [To:123] &amp; [/info][info]x');
    expect(body.blocks[0]!.text.text).toBe(message.title);
  });

  it('Chatwork: tags inside the texts lose their bracket, the frame stays', () => {
    const body = new URLSearchParams(chatworkRequest('https://api.chatwork.com/v2', '42', 't'.repeat(32), message).body).get('body');
    expect(body).toBe('[info][title]Mailbox No. 1 "［toall] <!channel>"[/title]Account ［To:123] & ［/info]［info]x[/info]');
    expect(chatworkEscape('[Mailroom] Mailbox reset')).toBe('[Mailroom] Mailbox reset');
  });
});
