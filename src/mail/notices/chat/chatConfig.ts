type Env = Readonly<Record<string, string | undefined>>;

import type { NoticeLanguage } from '../../../domain/integrations/noticeLanguage.decider.js';

export type { NoticeLanguage };

/** Notice delivery settings (chat providers, language default, claims), from the environment. */
export interface ChatConfig {
  /** Base of the Chatwork API (MAILROOM_CHATWORK_API_URL); tests point it at a local receiver. */
  readonly chatworkApiUrl: string;
  /**
   * Deployment default of the notice language (MAILROOM_NOTICE_LANGUAGE, `ja` or `en`,
   * default `ja`: the product's users are Japanese), for e-mail and chat notices of
   * mailboxes that never chose one (setNoticeLanguage).
   */
  readonly language: NoticeLanguage;
  /** One provider request may take this long before it counts as a timeout (retried). */
  readonly timeoutMs: number;
  /**
   * MAILROOM_NOTICE_CLAIM_MS: how long a deliverer holds a notice (e-mail or chat) before
   * another may take it; this is how a notice whose deliverer was killed gets delivered.
   * Longer than `timeoutMs`, so a slow but live delivery is never taken over.
   */
  readonly claimMs: number;
}

export const loadChatConfig = (env: Env, problems: string[]): ChatConfig => {
  const chatworkApiUrl = env.MAILROOM_CHATWORK_API_URL || 'https://api.chatwork.com/v2';
  if (!/^https?:\/\/[^/]+/.test(chatworkApiUrl)) problems.push(`MAILROOM_CHATWORK_API_URL must be an http(s) URL, got ${JSON.stringify(chatworkApiUrl)}`);
  const language = env.MAILROOM_NOTICE_LANGUAGE || 'ja';
  if (language !== 'ja' && language !== 'en') problems.push(`MAILROOM_NOTICE_LANGUAGE must be "ja" or "en", got ${JSON.stringify(language)}`);
  const rawTimeout = env.MAILROOM_CHAT_TIMEOUT_MS || '10000';
  const timeoutMs = Number(rawTimeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 120_000) problems.push(`MAILROOM_CHAT_TIMEOUT_MS must be an integer from 100 to 120000, got ${JSON.stringify(rawTimeout)}`);
  const rawClaim = env.MAILROOM_NOTICE_CLAIM_MS || '60000';
  const claimMs = Number(rawClaim);
  if (!Number.isInteger(claimMs) || claimMs < 1000 || claimMs > 3_600_000) problems.push(`MAILROOM_NOTICE_CLAIM_MS must be an integer from 1000 to 3600000, got ${JSON.stringify(rawClaim)}`);
  else if (Number.isInteger(timeoutMs) && claimMs <= timeoutMs) problems.push(`MAILROOM_NOTICE_CLAIM_MS (${claimMs}) must be longer than MAILROOM_CHAT_TIMEOUT_MS (${timeoutMs})`);
  return {
    chatworkApiUrl: chatworkApiUrl.replace(/\/+$/, ''),
    language: language === 'en' ? 'en' : 'ja',
    timeoutMs: Number.isInteger(timeoutMs) ? timeoutMs : 10_000,
    claimMs: Number.isInteger(claimMs) ? claimMs : 60_000,
  };
};
