import { describe, expect, it } from 'vitest';
import { classifyFetchError } from '../../src/mail/fetch/classifyFetchError.js';
import { FetchError, FetchErrorCode, reauthorizationRequired } from '../../src/mail/fetch/fetchError.js';
import { Pop3ClosedError, Pop3TimeoutError } from '../../src/mail/fetch/pop3/pop3Client.js';
import { Pop3ErrorResponse, Pop3ProtocolError } from '../../src/mail/fetch/pop3/pop3Response.js';

describe('fetch error codes', () => {
  it('pins the stable codes the scheduler, status and notices switch on (changing this list is an API change)', () => {
    expect(Object.values(FetchErrorCode)).toEqual([
      'AUTH',
      'CONNECTION',
      'TLS',
      'TIMEOUT',
      'PROTOCOL',
      'TOO_LARGE',
      'OVER_LIMIT',
      'REAUTHORIZATION_REQUIRED',
      'ABORTED',
      'INTERNAL',
    ]);
  });

  it('passes a FetchError through unchanged, so the OAuth side can raise REAUTHORIZATION_REQUIRED', () => {
    const raised = reauthorizationRequired('invalid_grant: token revoked');
    expect(classifyFetchError(raised, { protocol: 'IMAP' })).toBe(raised);
    expect(raised.code).toBe('REAUTHORIZATION_REQUIRED');
  });

  it.each([
    ['PASS ***', undefined, '-ERR [AUTH] Authentication failed.', 'AUTH'],
    ['USER', undefined, '-ERR no such user', 'AUTH'],
    ['APOP', undefined, '-ERR bad digest', 'AUTH'],
    ['AUTH XOAUTH2', undefined, '-ERR invalid token', 'AUTH'],
    ['PASS ***', 'IN-USE', '-ERR [IN-USE] Mailbox is locked', 'CONNECTION'],
    ['PASS ***', 'SYS/TEMP', '-ERR [SYS/TEMP] try later', 'CONNECTION'],
    ['STLS', undefined, '-ERR TLS not available', 'TLS'],
    ['greeting', undefined, '-ERR go away', 'CONNECTION'],
    ['RETR 3', undefined, '-ERR no such message', 'PROTOCOL'],
  ])('POP3 %s answered %s %s → %s', (command, responseCode, response, expected) => {
    const error = classifyFetchError(new Pop3ErrorResponse(response, command, responseCode), { protocol: 'POP3' });
    expect(error).toMatchObject({ code: expected, response, command, responseCode });
  });

  it('classifies client-side conditions: timeouts, closed connections, malformed answers, sockets, TLS', () => {
    const code = (e: unknown, protocol: 'IMAP' | 'POP3' = 'POP3') => classifyFetchError(e, { protocol }).code;
    expect(code(new Pop3TimeoutError('greeting'))).toBe('TIMEOUT');
    expect(code(new Pop3ClosedError('RETR 1'))).toBe('CONNECTION');
    expect(code(new Pop3ProtocolError('bad', 'HELLO', undefined))).toBe('PROTOCOL');
    expect(code(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe('CONNECTION');
    expect(code(Object.assign(new Error('wrong version number'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }))).toBe('TLS');
    expect(code(Object.assign(new Error('self-signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'IMAP')).toBe('TLS');
    expect(code(Object.assign(new Error('Command failed'), { authenticationFailed: true, serverResponseCode: 'AUTHENTICATIONFAILED' }), 'IMAP')).toBe('AUTH');
    expect(code(Object.assign(new Error('Socket timeout'), { code: 'ETIMEOUT' }), 'IMAP')).toBe('TIMEOUT');
  });

  it('never reads a database error as the mail server’s fault', () => {
    // A pg error carries a SQLSTATE `code`; an unknown error is ours.
    const dbError = Object.assign(new Error('duplicate key'), { code: '23505', severity: 'ERROR' });
    expect(classifyFetchError(dbError, { protocol: 'IMAP' }).code).toBe('INTERNAL');
    expect(classifyFetchError(new TypeError('x is undefined'), { protocol: 'POP3' }).code).toBe('INTERNAL');
  });

  it('is ABORTED when the caller aborted, whatever the socket said', () => {
    const controller = new AbortController();
    controller.abort();
    const error = Object.assign(new Error('socket closed'), { code: 'ECONNRESET' });
    expect(classifyFetchError(error, { protocol: 'POP3', signal: controller.signal }).code).toBe('ABORTED');
  });

  it('serialises without cause or stack, for status rows and events', () => {
    const e = new FetchError('AUTH', 'The server rejected the login', { response: '-ERR [AUTH] no', responseCode: 'AUTH', command: 'PASS ***' });
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      code: 'AUTH',
      message: 'The server rejected the login',
      response: '-ERR [AUTH] no',
      responseCode: 'AUTH',
      command: 'PASS ***',
    });
  });
});
