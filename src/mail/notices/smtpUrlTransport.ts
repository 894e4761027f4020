import nodemailer from 'nodemailer';
import type { NoticeTransport } from './notice.js';

/**
 * Delivers notices through one SMTP relay given by URL (the built-in server). The routed
 * transport of the outbound area supersedes it where a mailbox has its own default
 * server. Message-ID is derived from the notice id, so a redelivery after a crash is
 * recognisable as the same message.
 */
export const createSmtpUrlTransport = (options: { url: string; from: string; tls?: { rejectUnauthorized?: boolean; ca?: string } }): NoticeTransport => {
  const url = new URL(options.url);
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    tls: options.tls,
  });
  return {
    async deliver(notice) {
      await transporter.sendMail({
        from: options.from,
        to: [...notice.to],
        subject: notice.subject,
        text: notice.text,
        messageId: `<notice-${notice.id}@mailroom.invalid>`,
        headers: { 'X-Mailroom-Notice': notice.kind },
      });
    },
  };
};

/** Used when no SMTP relay is configured: every delivery fails with a clear reason and is retried later. */
export const unconfiguredTransport: NoticeTransport = {
  async deliver() {
    throw new Error('No SMTP server is configured for notices (set MAILROOM_BUILTIN_SMTP_URL or a default server for the mailbox)');
  },
};
