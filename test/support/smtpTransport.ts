import nodemailer from 'nodemailer';
import type { NoticeTransport } from '../../src/mail/notices/notice.js';

/**
 * A plain SMTP notice transport for outbox tests that should not need the whole outbound
 * stack (the server uses the routed transport of src/app/outbound). Message-ID is derived from
 * the notice id, as a redelivery after a crash must be recognisable.
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
