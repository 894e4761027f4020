import { NoticeKind } from '../notice.js';
import type { NoticeLanguage } from './chatConfig.js';

/** A notice as posted to a chat: a short title and the details. */
export interface ChatMessage {
  readonly title: string;
  readonly text: string;
}

type Texts = Record<NoticeKind, { readonly title: string; readonly lead: string }>;

const JA: Texts = {
  RECEIVE_ERROR_RAISED: { title: '受信エラーが発生しました', lead: 'メールの受信に失敗しました。受信は自動で再試行されます。' },
  RECEIVE_ERROR_CLEARED: { title: '受信エラーが解消しました', lead: 'メールを再び受信できるようになりました。' },
  MESSAGE_TOO_LARGE: { title: 'サイズ上限を超えるメールを受信できませんでした', lead: 'メールはサーバーに残っています。' },
  MAILBOX_OVER_LIMIT: { title: '受信元サーバーのメール蓄積数が上限を超えています', lead: 'POP/APOP の受信元サーバーに 150 万通以上のメールがあるため受信できません。サーバー上のメールを減らしてください。' },
  OAUTH_REAUTHORIZATION_REQUIRED: { title: 'OAuth認証の再認証が必要です', lead: 'OAuth認証設定から再度認証してください。' },
  USER_LOCKED: { title: 'アカウントがロックされました', lead: '管理者がロックを解除するまで、このユーザーはログインできません。' },
  USER_UNLOCKED: { title: 'アカウントのロックが解除されました', lead: '' },
  MAILBOX_RESET: { title: 'メールボックスが初期化されました', lead: '' },
  TEST: { title: 'テスト通知', lead: 'Mailroom からの通知がこの宛先に届くことを確認するためのメッセージです。' },
};

const EN: Texts = {
  RECEIVE_ERROR_RAISED: { title: 'Receive error', lead: 'Fetching mail failed. It is retried automatically.' },
  RECEIVE_ERROR_CLEARED: { title: 'Receiving works again', lead: 'The receive error is resolved.' },
  MESSAGE_TOO_LARGE: { title: 'A message over the size limit was not received', lead: 'The message was left on the server.' },
  MAILBOX_OVER_LIMIT: { title: 'Source server holds too many messages', lead: 'The POP/APOP server holds 1,500,000 or more messages, so nothing is received. Reduce the mail kept on that server.' },
  OAUTH_REAUTHORIZATION_REQUIRED: { title: 'OAuth authorization must be renewed', lead: 'Run the authorization again in the OAuth settings.' },
  USER_LOCKED: { title: 'Account locked', lead: 'The user cannot log in until an administrator unlocks the account.' },
  USER_UNLOCKED: { title: 'Account unlocked', lead: '' },
  MAILBOX_RESET: { title: 'Mailbox reset', lead: '' },
  TEST: { title: 'Test notification', lead: 'This message checks that Mailroom notices reach this destination.' },
};

/**
 * Renders a notice for a chat in the configured language. The title and lead are per
 * kind; the details are the notice's own subject and text (names, addresses, the
 * provider's answer), which the emitters write once for every channel.
 */
export const renderChatMessage = (notice: { readonly kind: NoticeKind; readonly mailboxNumber: number; readonly subject: string; readonly text: string }, language: NoticeLanguage): ChatMessage => {
  const texts = (language === 'ja' ? JA : EN)[notice.kind] ?? { title: notice.subject, lead: '' };
  const mailbox = language === 'ja' ? `メールボックス No.${notice.mailboxNumber}` : `Mailbox No. ${notice.mailboxNumber}`;
  const title = `[Mailroom] ${texts.title} (${mailbox})`;
  const text = [texts.lead, notice.subject, notice.text].filter((line) => line !== '').join('\n\n');
  return { title, text };
};
