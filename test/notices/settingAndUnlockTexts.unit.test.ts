import { describe, expect, it } from 'vitest';
import { settingChangeOf } from '../../src/app/audit/settingChanges.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';
import { settingAreas } from '../../src/mail/notices/texts/catalogue.js';
import { renderNotice } from '../../src/mail/notices/texts/index.js';
import { configurationSections } from '../../src/app/configurationSections.js';

const at = new Date('2026-11-27T15:30:00Z');

describe('USER_UNLOCKED and SETTING_CHANGED texts', () => {
  it('an unlock names the user, who unlocked and why, in Japanese and English', () => {
    const facts = { username: 'paul', displayName: 'Paul', unlockedAt: at, unlockedBy: 'admin', reason: 'Called the user' };
    const ja = renderNotice({ kind: 'USER_UNLOCKED', facts }, 2, 'ja');
    expect(ja.chat.title).toBe('[Mailroom] アカウントロックが解除されました (メールボックス No.2)');
    expect(ja.email.subject).toBe('[Mailroom] アカウントロック解除：paul');
    expect(ja.chat.text.split('\n')).toEqual([
      'ユーザ「paul」（Paul）のアカウントロックが 2026/11/28 00:30:00（日本時間）に解除されました。再びログインできます。',
      '解除した人：admin',
      '理由：Called the user',
    ]);
    const en = renderNotice({ kind: 'USER_UNLOCKED', facts }, 2, 'en');
    expect(en.chat.title).toBe('[Mailroom] Account unlocked (Mailbox No. 2)');
    expect(en.chat.text.split('\n')).toEqual([
      'The account "paul" (Paul) was unlocked at 2026-11-27T15:30:00.000Z and can log in again.',
      'Unlocked by: admin',
      'Reason: Called the user',
    ]);
    const cli = renderNotice({ kind: 'USER_UNLOCKED', facts: { ...facts, unlockedBy: null } }, 2, 'en');
    expect(cli.chat.text).toContain('Unlocked by: the system (command line)');
    expect(renderNotice({ kind: 'USER_UNLOCKED', facts: { ...facts, unlockedBy: null } }, 2, 'ja').chat.text).toContain('解除した人：システム（コマンドライン）');
  });

  it('a setting change names the area, the actor, the reason and the time, and nothing else', () => {
    const facts = { mailboxNumber: 4, area: 'outbound.smtp', actor: 'alice', reason: 'New relay', changedAt: at };
    const ja = renderNotice({ kind: 'SETTING_CHANGED', facts }, 4, 'ja');
    expect(ja.chat.title).toBe('[Mailroom] 設定が変更されました (メールボックス No.4)');
    expect(ja.email.subject).toBe('[Mailroom] 設定変更：メール送信(SMTP)サーバの設定');
    expect(ja.chat.text.split('\n')).toEqual([
      'メールボックス No.4 の「メール送信(SMTP)サーバの設定」が 2026/11/28 00:30:00（日本時間）に変更されました。',
      '変更した人：alice',
      '理由：New relay',
      '変更内容は設定の履歴で確認できます。',
    ]);
    const en = renderNotice({ kind: 'SETTING_CHANGED', facts }, 4, 'en');
    expect(en.chat.title).toBe('[Mailroom] Setting changed (Mailbox No. 4)');
    expect(en.chat.text.split('\n')).toEqual([
      'The setting "Outbound SMTP servers" of mailbox No. 4 was changed at 2026-11-27T15:30:00.000Z.',
      'Changed by: alice',
      'Reason: New relay',
      'The settings history shows what changed.',
    ]);
    const system = renderNotice({ kind: 'SETTING_CHANGED', facts: { ...facts, actor: null, reason: null } }, 4, 'en');
    expect(system.chat.text.split('\n')).toEqual([
      'The setting "Outbound SMTP servers" of mailbox No. 4 was changed at 2026-11-27T15:30:00.000Z.',
      'Changed by: the system',
      'The settings history shows what changed.',
    ]);
    expect(renderNotice({ kind: 'SETTING_CHANGED', facts: { ...facts, area: 'future.area' } }, 4, 'en').email.subject).toBe('[Mailroom] Setting changed: future.area');
  });

  it('every configuration section has a label in both languages', () => {
    expect([...settingAreas].sort()).toEqual(configurationSections.map((s) => s.name).sort());
    for (const area of settingAreas) {
      for (const language of ['ja', 'en'] as const) {
        const { email } = renderNotice({ kind: 'SETTING_CHANGED', facts: { mailboxNumber: 1, area, actor: 'a', reason: null, changedAt: at } }, 1, language);
        expect(email.subject).not.toContain(area);
      }
    }
  });

  it('counts setting events of registered sections only, not counters, receive errors, wipes or system notices of their own', () => {
    const event = (streamId: string, type: string, data: unknown): RecordedEvent =>
      ({ id: 'e', streamId, type, data, metadata: { actorId: null, correlationId: 'c' }, position: 1, revision: 0, recordedAt: at, hash: '', prevHash: '' }) as RecordedEvent;
    expect(settingChangeOf(event('smtp-3', 'SmtpServerAdded', { mailboxNumber: 3 }), configurationSections)).toMatchObject({ mailboxNumber: 3, section: { name: 'outbound.smtp' } });
    expect(settingChangeOf(event('mailbox-3', 'MailboxRenamed', { name: 'x' }), configurationSections)).toMatchObject({ mailboxNumber: 3, section: { name: 'identity.mailbox' } });
    expect(settingChangeOf(event('notice-language-3', 'NoticeLanguageSet', { mailboxNumber: 3, language: 'en' }), configurationSections)).toMatchObject({ section: { name: 'integrations.notice_language' } });
    expect(settingChangeOf(event('login-attempts-u1', 'LoginFailed', { userId: 'u1' }), configurationSections)).toBeNull();
    expect(settingChangeOf(event('receive-errors-a1', 'ReceiveErrorRaised', { mailboxNumber: 3 }), configurationSections)).toBeNull();
    expect(settingChangeOf(event('smtp-3', 'MailboxSettingsWiped', { mailboxNumber: 3 }), configurationSections)).toBeNull();
    expect(settingChangeOf(event('mailbox-3', 'MailboxReset', {}), configurationSections)).toBeNull();
    expect(settingChangeOf(event('oauth-credential-c1', 'OAuthReauthorizationRequired', { mailboxNumber: 3 }), configurationSections)).toBeNull();
  });
});
