import { describe, expect, it } from 'vitest';
import { classifySmtpError, SmtpErrorCode, SmtpSendError } from '../../src/mail/smtp/smtpErrors.js';

describe('SMTP error codes', () => {
  it('pins the list of codes (clients switch on them: adding one is an API change)', () =>
    expect(Object.keys(SmtpErrorCode)).toEqual([
      'ECONNECTION',
      'EDNS',
      'ETLS',
      'ETIMEDOUT',
      'EAUTH',
      'EAUTHMECH',
      'EOAUTH2',
      'ESENDER',
      'ERECIPIENT',
      'EMESSAGE',
      'EPROTOCOL',
      'ESIGN',
      'ECONFIG',
      'EUNKNOWN',
    ]));

  // Shapes as nodemailer 10 raises them (captured against smtp-server).
  it.each([
    [{ code: 'EAUTH', response: '535 5.7.8 Invalid', responseCode: 535, command: 'AUTH PLAIN' }, 'EAUTH'],
    [{ code: 'EENVELOPE', response: '550 No such user', responseCode: 550, command: 'RCPT TO' }, 'ERECIPIENT'],
    [{ code: 'EENVELOPE', response: '553 Sender refused', responseCode: 553, command: 'MAIL FROM' }, 'ESENDER'],
    [{ code: 'EMESSAGE', response: '552 Too big', responseCode: 552, command: 'DATA' }, 'EMESSAGE'],
    [{ code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', command: 'CONN' }, 'ETLS'],
    [{ code: 'ESOCKET', originalCode: 'ERR_SSL_WRONG_VERSION_NUMBER', command: 'CONN' }, 'ETLS'],
    [{ code: 'ESOCKET', originalCode: 'ERR_TLS_CERT_ALTNAME_INVALID', command: 'CONN' }, 'ETLS'],
    [{ code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' }, 'ECONNECTION'],
    [{ code: 'ECONNECTION', command: 'CONN' }, 'ECONNECTION'],
    [{ code: 'ETIMEDOUT', command: 'CONN' }, 'ETIMEDOUT'],
    [{ code: 'EDNS', originalCode: 'ENOTFOUND', command: 'CONN' }, 'EDNS'],
    [{ code: 'EPROTOCOL', response: '421 Bye', responseCode: 421, command: 'EHLO' }, 'EPROTOCOL'],
    [{ code: 'ESOMETHING', response: '502 Not implemented', responseCode: 502, command: 'STARTTLS' }, 'ETLS'],
    [{ code: 'EOAUTH2' }, 'EOAUTH2'],
    [new Error('boom'), 'EUNKNOWN'],
    ['not even an error', 'EUNKNOWN'],
  ])('classifies %j as %s, keeping response, responseCode and command', (raw, code) => {
    const error = classifySmtpError(raw);
    expect(error).toBeInstanceOf(SmtpSendError);
    expect(error.code).toBe(code);
    const r = raw as { response?: string; responseCode?: number; command?: string };
    expect(error.response).toBe(r.response ?? null);
    expect(error.responseCode).toBe(r.responseCode ?? null);
    expect(error.command).toBe(r.command ?? null);
  });

  it('knows permanent replies (5yz except 503, RFC 5321 §4.2.1)', () => {
    expect(new SmtpSendError('EAUTH', 'x', { responseCode: 535 }).permanent).toBe(true);
    expect(new SmtpSendError('EPROTOCOL', 'x', { responseCode: 503 }).permanent).toBe(false);
    expect(new SmtpSendError('ERECIPIENT', 'x', { responseCode: 451 }).permanent).toBe(false);
  });
});
