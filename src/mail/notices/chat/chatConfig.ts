type Env = Readonly<Record<string, string | undefined>>;

export type NoticeLanguage = 'ja' | 'en';

/** Chat notice delivery settings, from the environment. */
export interface ChatConfig {
  /** Base of the Chatwork API (MAILROOM_CHATWORK_API_URL); tests point it at a local receiver. */
  readonly chatworkApiUrl: string;
  /**
   * MAILROOM_ALLOW_LOOPBACK_WEBHOOKS=true accepts http://127.0.0.1:<port> webhook URLs for
   * Slack and Teams so tests can stand in for the providers. Off by default: in production
   * a webhook URL must be https on the provider's host.
   */
  readonly allowLoopbackWebhooks: boolean;
  /**
   * Language of chat messages (MAILROOM_NOTICE_LANGUAGE, `ja` or `en`, default `ja`: the
   * product's users are Japanese). Mailboxes have no language setting yet; when they get
   * one it should win over this default.
   */
  readonly language: NoticeLanguage;
  /** One provider request may take this long before it counts as a timeout (retried). */
  readonly timeoutMs: number;
}

export const loadChatConfig = (env: Env, problems: string[]): ChatConfig => {
  const chatworkApiUrl = env.MAILROOM_CHATWORK_API_URL || 'https://api.chatwork.com/v2';
  if (!/^https?:\/\/[^/]+/.test(chatworkApiUrl)) problems.push(`MAILROOM_CHATWORK_API_URL must be an http(s) URL, got ${JSON.stringify(chatworkApiUrl)}`);
  const loopback = env.MAILROOM_ALLOW_LOOPBACK_WEBHOOKS || 'false';
  if (loopback !== 'true' && loopback !== 'false') problems.push(`MAILROOM_ALLOW_LOOPBACK_WEBHOOKS must be "true" or "false", got ${JSON.stringify(loopback)}`);
  const language = env.MAILROOM_NOTICE_LANGUAGE || 'ja';
  if (language !== 'ja' && language !== 'en') problems.push(`MAILROOM_NOTICE_LANGUAGE must be "ja" or "en", got ${JSON.stringify(language)}`);
  const rawTimeout = env.MAILROOM_CHAT_TIMEOUT_MS || '10000';
  const timeoutMs = Number(rawTimeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 120_000) problems.push(`MAILROOM_CHAT_TIMEOUT_MS must be an integer from 100 to 120000, got ${JSON.stringify(rawTimeout)}`);
  return {
    chatworkApiUrl: chatworkApiUrl.replace(/\/+$/, ''),
    allowLoopbackWebhooks: loopback === 'true',
    language: language === 'en' ? 'en' : 'ja',
    timeoutMs: Number.isInteger(timeoutMs) ? timeoutMs : 10_000,
  };
};
