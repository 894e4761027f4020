import type { ReceiveErrorCode } from '../../../domain/inbound/receiveErrors.decider.js';
import { mebibytes, settingAreaLabel, type NoticeCatalogue, type ReceiveAccountFacts } from './catalogue.js';

// Terms follow the product manual: 受信エラー, メールサーバ, アカウントロック, 運用管理者, ユーザ.
const causes: { readonly [C in ReceiveErrorCode]: string } = {
  AUTH: '認証に失敗しました',
  CONNECTION: 'メールサーバに接続できません',
  TLS: '暗号化通信（TLS）に失敗しました',
  TIMEOUT: 'メールサーバから時間内に応答がありません',
  PROTOCOL: 'メールサーバから想定外の応答がありました',
  TOO_LARGE: 'メールの容量が上限を超えています',
  OVER_LIMIT: 'メールサーバのメール蓄積数が 150 万通以上です',
  REAUTHORIZATION_REQUIRED: 'OAuth認証の再認証が必要です',
};

const where = (a: ReceiveAccountFacts): string => `メールボックス No.${a.mailboxNumber} の受信アカウント「${a.displayName}」（${a.protocol} ${a.username}@${a.host}:${a.port}）`;

/** Japanese readers expect Japan time; the offset is written out so the time is unambiguous. */
const time = (d: Date): string => {
  const jst = new Date(d.getTime() + 9 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${jst.getUTCFullYear()}/${p(jst.getUTCMonth() + 1)}/${p(jst.getUTCDate())} ${p(jst.getUTCHours())}:${p(jst.getUTCMinutes())}:${p(jst.getUTCSeconds())}（日本時間）`;
};

export const ja: NoticeCatalogue = {
  mailbox: (n) => `メールボックス No.${n}`,
  settingAreas: {
    'identity.mailbox': 'メールボックス（名前・アドレス・メンバー）',
    'inbound.receive_accounts': 'POP/IMAP設定',
    'inbound.oauth_credentials': 'OAuth認証設定',
    'outbound.smtp': 'メール送信(SMTP)サーバの設定',
    'outbound.dkim': '電子署名の設定',
    'integrations.external_calls': '外部システム呼び出しの設定',
    'integrations.message_channels': 'メッセージ応対',
    'integrations.chat_destinations': '外部チャット連携',
    'integrations.notice_language': '通知の言語',
    'access.restriction': 'アクセス制限の設定',
    'access.lockPolicy': 'アカウントロックの設定',
  },
  kinds: {
    RECEIVE_ERROR_RAISED: (f) => ({
      headline: '受信エラーが発生しました',
      subject: `受信エラー（${f.code}）：${causes[f.code]} - ${f.account.displayName}`,
      lines: [
        `${where(f.account)}でメールの受信に失敗しました：${causes[f.code]}。`,
        `エラー内容：${f.message}`,
        ...(f.serverResponse ? [`メールサーバの応答：${f.serverResponse}`] : []),
        '受信は自動で再試行されます。この通知は、再び受信できるようになるまで一度だけ送信されます。',
      ],
    }),
    MAILBOX_OVER_LIMIT: (f) => ({
      headline: '受信元サーバのメール蓄積数が上限を超えています',
      subject: `受信エラー（${f.code}）：${causes[f.code]} - ${f.account.displayName}`,
      lines: [
        `${where(f.account)}は、POP/APOP のメールサーバに 150 万通以上のメールが蓄積されているため受信できません。`,
        `エラー内容：${f.message}`,
        ...(f.serverResponse ? [`メールサーバの応答：${f.serverResponse}`] : []),
        'メールサーバ上のメールを減らしてください。減らすと受信は自動で再開されます。',
      ],
    }),
    RECEIVE_ERROR_CLEARED: (f) => ({
      headline: '受信エラーが解消しました',
      subject: `受信エラーが解消しました - ${f.account.displayName}`,
      lines: [`${where(f.account)}で、受信エラー（${f.code}）の後、再びメールを受信できるようになりました。`],
    }),
    MESSAGE_TOO_LARGE: (f) => ({
      headline: '最大受信容量を超えるメールを受信できませんでした',
      subject: `${mebibytes(f.limitBytes)} を超えるメールを受信できませんでした - ${f.account.displayName}`,
      lines: [
        `${where(f.account)}の ${mebibytes(f.sizeBytes)} のメールは、1 通あたりの最大受信容量（${mebibytes(f.limitBytes)}）を超えるため取り込めませんでした。`,
        `メールはメールサーバに残っています（${f.messageKey}）。他のメールソフトで受信するか、送信者に容量を小さくして再送するよう依頼してください。`,
      ],
    }),
    OAUTH_REAUTHORIZATION_REQUIRED: (f) => ({
      headline: 'OAuth認証の再認証が必要です',
      subject: `OAuth認証「${f.credentialName}」の再認証が必要です`,
      lines: [
        `メールボックス No.${f.mailboxNumber} の OAuth認証「${f.credentialName}」（${f.provider}）が受け付けられなくなりました。`,
        `プロバイダの応答：${f.providerAnswer}`,
        ...(f.accountNames.length > 0 ? [`再認証するまで受信できないアカウント：${f.accountNames.join('、')}`] : []),
        'OAuth認証設定から再度認証してください。',
      ],
    }),
    USER_LOCKED: (f) => ({
      headline: 'アカウントがロックされました',
      subject: `アカウントロック：${f.username}`,
      lines: [
        `ユーザ「${f.username}」（${f.displayName}）のアカウントが ${time(f.lockedAt)}にロックされました。`,
        `ログインに ${f.failedAttempts} 回失敗しました${f.clientIp ? `（最後の接続元：${f.clientIp}）` : ''}。`,
        `メールボックス No.${f.policyMailboxNumber} のアカウントロックの設定（ログイン失敗 ${f.threshold} 回でロック）が適用されました。`,
        '',
        'アカウントロックが解除されるまで、このユーザはすべてのメールボックスを利用できません。',
        '解除は「管理設定」>「ユーザ設定」で「アカウントロック中のユーザのみ」を検索して行います。',
        '本人による操作でない場合は、解除の際にパスワードの変更をご検討ください。',
      ],
    }),
    USER_UNLOCKED: (f) => ({
      headline: 'アカウントロックが解除されました',
      subject: `アカウントロック解除：${f.username}`,
      lines: [
        `ユーザ「${f.username}」（${f.displayName}）のアカウントロックが ${time(f.unlockedAt)}に解除されました。再びログインできます。`,
        `解除した人：${f.unlockedBy ?? 'システム（コマンドライン）'}`,
        `理由：${f.reason}`,
      ],
    }),
    ADDRESS_BLOCKED: (f) => ({
      headline: 'ログイン失敗の多い接続元をブロックしました',
      subject: `接続元ブロック：${f.network}`,
      lines: [
        `接続元 ${f.network} からのログインを ${time(f.blockedAt)}から ${time(f.until)}まで拒否します。`,
        `集計期間内に、この接続元から複数のユーザ名でログインに ${f.failures} 回失敗しました（パスワードリスト攻撃の疑いがあります）。`,
        'この間は正しいパスワードでもこの接続元からはログインできません。ブロックは時間が来ると自動的に解除されます。',
        'IPアドレス制限の許可リストにある接続元は対象外にできます（MAILROOM_STUFFING_EXEMPT_ALLOW_LISTED）。',
      ],
    }),
    MAILBOX_RESET: (f) => ({
      headline: 'メールボックスが初期化されました',
      subject: `メールボックス No.${f.mailboxNumber}「${f.nameBefore}」が初期化されました`,
      lines: [
        `メールボックス No.${f.mailboxNumber}「${f.nameBefore}」が ${time(f.resetAt)}に初期化されました。${f.nameAfter === f.nameBefore ? '' : `新しい名前は「${f.nameAfter}」です。`}`,
        '設定、保存されていた認証情報、メールは削除されました。メンバー、権限、設定の履歴は残っています。',
      ],
    }),
    SETTING_CHANGED: (f) => {
      const area = settingAreaLabel(ja, f.area);
      return {
        headline: '設定が変更されました',
        subject: `設定変更：${area}`,
        lines: [
          `メールボックス No.${f.mailboxNumber} の「${area}」が ${time(f.changedAt)}に変更されました。`,
          `変更した人：${f.actor ?? 'システム'}`,
          ...(f.reason ? [`理由：${f.reason}`] : []),
          '変更内容は設定の履歴で確認できます。',
        ],
      };
    },
    TEST: (f) => ({
      headline: 'テスト通知',
      subject: f.destinationName === null ? 'テスト通知' : `宛先「${f.destinationName}」のテスト通知`,
      lines: ['Mailroom からの通知がこの宛先に届くことを確認するためのメッセージです。', `送信日時：${time(f.sentAt)}`],
    }),
  },
};
