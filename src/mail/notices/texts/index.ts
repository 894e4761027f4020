import type { NoticeLanguage } from '../../../domain/integrations/noticeLanguage.decider.js';
import { PRODUCT_TAG, type KindTexts, type NoticeCatalogue, type NoticeContent, type RenderedNotice } from './catalogue.js';
import { en } from './en.js';
import { ja } from './ja.js';

export type { NoticeContent, NoticeFacts, ReceiveAccountFacts, RenderedNotice } from './catalogue.js';

const catalogues: { readonly [L in NoticeLanguage]: NoticeCatalogue } = { ja, en };

/**
 * A notice's texts in one language: the e-mail subject and body, and the chat message
 * (title naming the mailbox, then the same lines). The chat providers get no subject, so
 * the title carries the headline and the mailbox.
 */
export const renderNotice = (content: NoticeContent, mailboxNumber: number, language: NoticeLanguage): RenderedNotice => {
  const catalogue = catalogues[language];
  // The cast only joins `kind` to its own facts, which NoticeContent guarantees.
  const texts = (catalogue.kinds[content.kind] as (facts: NoticeContent['facts']) => KindTexts)(content.facts);
  const text = texts.lines.join('\n');
  return {
    language,
    email: { subject: `${PRODUCT_TAG} ${texts.subject}`, text: `${text}\n` },
    chat: { title: `${PRODUCT_TAG} ${texts.headline} (${catalogue.mailbox(mailboxNumber)})`, text },
  };
};
