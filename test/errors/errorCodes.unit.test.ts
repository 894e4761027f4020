import { describe, expect, it } from 'vitest';
import { ConcurrencyError, ErrorCode, isConcurrencyError, MailroomError } from '../../src/domain/shared/errors.js';

describe('error taxonomy', () => {
  it('pins the stable codes clients switch on (changing this list is an API change)', () => {
    expect(Object.values(ErrorCode)).toEqual([
      'VALIDATION',
      'ILLEGAL_STATE',
      'NOT_FOUND',
      'ALREADY_EXISTS',
      'CONCURRENCY',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'RATE_LIMITED',
      'INTERNAL',
    ]);
  });

  it('concurrency errors are recognised by code, not class', () => {
    const e = new ConcurrencyError('mailbox-1', '3', '4');
    expect(isConcurrencyError(e)).toBe(true);
    expect(e.message).toBe('Stream "mailbox-1" was expected at revision 3 but is at 4');
    expect(isConcurrencyError(new MailroomError(ErrorCode.CONCURRENCY, 'x'))).toBe(true);
    expect(isConcurrencyError(new MailroomError(ErrorCode.VALIDATION, 'x'))).toBe(false);
  });
});
