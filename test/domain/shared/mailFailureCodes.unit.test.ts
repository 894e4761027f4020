import { describe, expect, it } from 'vitest';
import { FetchErrorCode, mailFailures, ReceiveErrorCode, SMTP_ORDER, SmtpErrorCode } from '../../../src/domain/shared/mailFailureCodes.js';

describe('the one table of mail failure codes', () => {
  it('given the table, when the SMTP codes are listed, then every failure with an SMTP code is in the published order exactly once', () => {
    const withSmtp = Object.entries(mailFailures).filter(([, row]) => row.smtp !== null).map(([failure]) => failure);
    expect([...SMTP_ORDER].sort()).toEqual(withSmtp.sort());
  });

  it('given the table, when one failure is looked up, then its SMTP, fetch and recorded codes are the enums’ values', () => {
    expect(mailFailures.connection).toEqual({ smtp: SmtpErrorCode.ECONNECTION, fetch: FetchErrorCode.CONNECTION, recorded: ReceiveErrorCode.CONNECTION });
    expect(mailFailures.dns).toEqual({ smtp: SmtpErrorCode.EDNS, fetch: FetchErrorCode.CONNECTION, recorded: ReceiveErrorCode.CONNECTION });
  });

  it('given a fetch failure, when it is recorded, then the recorded code is the fetch code (only ABORTED and INTERNAL are not recorded)', () => {
    for (const row of Object.values(mailFailures)) {
      if (row.fetch !== null && row.recorded !== null) expect(row.recorded).toBe(row.fetch);
    }
    expect(Object.values(FetchErrorCode).filter((c) => !(Object.values(ReceiveErrorCode) as string[]).includes(c))).toEqual(['ABORTED', 'INTERNAL']);
  });

  it('pins the recorded codes (a public GraphQL enum: changing this list is an API change)', () =>
    expect(Object.values(ReceiveErrorCode)).toEqual(['AUTH', 'CONNECTION', 'TLS', 'TIMEOUT', 'PROTOCOL', 'TOO_LARGE', 'OVER_LIMIT', 'REAUTHORIZATION_REQUIRED']));
});
