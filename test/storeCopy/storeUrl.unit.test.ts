import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode, MailroomError } from '../../src/domain/shared/errors.js';
import { describeLocation, parseStoreUrl, readModelLocation, redactUrl, sameStore } from '../../src/storeCopy/storeUrl.js';

const refusal = (run: () => unknown): MailroomError => {
  try {
    run();
  } catch (err) {
    return err as MailroomError;
  }
  throw new Error('expected a refusal');
};

describe('parseStoreUrl', () => {
  it('reads sqlite: as a data dir, or as the store file when it ends in .sqlite', () => {
    expect(parseStoreUrl('sqlite:./data')).toEqual({ kind: 'sqlite', dataDir: resolve('data'), eventsPath: resolve('data', 'events.sqlite') });
    expect(parseStoreUrl('sqlite:/var/lib/mailroom/events.sqlite')).toEqual({
      kind: 'sqlite',
      dataDir: '/var/lib/mailroom',
      eventsPath: '/var/lib/mailroom/events.sqlite',
    });
    expect(parseStoreUrl('sqlite:///srv/m')).toEqual({ kind: 'sqlite', dataDir: '/srv/m', eventsPath: join('/srv/m', 'events.sqlite') });
    expect(parseStoreUrl('SQLITE:/a/copy.sqlite')).toMatchObject({ eventsPath: '/a/copy.sqlite', dataDir: '/a' });
  });

  it('keeps PostgreSQL and KurrentDB URLs as connection strings', () => {
    const pg = 'postgres://u:secret@db:5432/mail?options=-c%20search_path%3Dm';
    expect(parseStoreUrl(pg)).toEqual({ kind: 'postgres', connectionString: pg });
    expect(parseStoreUrl('postgresql://db/mail')).toEqual({ kind: 'postgres', connectionString: 'postgresql://db/mail' });
    for (const url of ['kurrentdb://127.0.0.1:2113?tls=false', 'esdb://h:2113', 'kurrentdb+discover://a,b', 'kdb://h', 'eventstore://h']) {
      expect(parseStoreUrl(url)).toEqual({ kind: 'kurrentdb', connectionString: url });
    }
  });

  it('refuses unknown schemes and empty paths with VALIDATION on the field, never echoing a password', () => {
    const err = refusal(() => parseStoreUrl('mysql://root:hunter2@db/mail', '--to'));
    expect(err.code).toBe(ErrorCode.VALIDATION);
    expect(err.fieldPath).toEqual(['--to']);
    expect(err.message).toContain('sqlite:, postgres://');
    expect(err.message).not.toContain('hunter2');
    expect(refusal(() => parseStoreUrl('sqlite:')).message).toMatch(/Expected a path after "sqlite:"/);
    expect(refusal(() => parseStoreUrl('/plain/path')).code).toBe(ErrorCode.VALIDATION);
    expect(refusal(() => parseStoreUrl('postgres://[bad')).message).toMatch(/valid PostgreSQL URL/);
  });
});

describe('store locations', () => {
  it('redacts passwords when shown', () => {
    expect(redactUrl('postgres://u:p%40ss@db/x')).toBe('postgres://u:***@db/x');
    expect(redactUrl('postgres://u@db/x?sslmode=require&password=s3cret&application_name=m')).toBe('postgres://u@db/x?sslmode=require&password=***&application_name=m');
    expect(describeLocation(parseStoreUrl('esdb://admin:changeit@h:2113'))).toBe('esdb://admin:***@h:2113');
    expect(describeLocation(parseStoreUrl('sqlite:/d'))).toBe('sqlite:/d/events.sqlite');
  });

  it('recognises the same store behind two spellings of an SQLite path', () => {
    expect(sameStore(parseStoreUrl('sqlite:/d'), parseStoreUrl('sqlite:/d/events.sqlite'))).toBe(true);
    expect(sameStore(parseStoreUrl('sqlite:/d'), parseStoreUrl('sqlite:/e'))).toBe(false);
    expect(sameStore(parseStoreUrl('postgres://h/a'), parseStoreUrl('postgres://h/a'))).toBe(true);
    expect(sameStore(parseStoreUrl('postgres://h/a'), parseStoreUrl('sqlite:/d'))).toBe(false);
  });

  it('finds the read models beside a store, and asks for them next to KurrentDB', () => {
    expect(readModelLocation(parseStoreUrl('sqlite:/d'), undefined, '--from-read-models')).toEqual({ kind: 'sqlite', path: '/d/readmodels.sqlite' });
    expect(readModelLocation(parseStoreUrl('postgres://h/a'), undefined, '--to-read-models')).toEqual({ kind: 'postgres', connectionString: 'postgres://h/a' });
    const missing = refusal(() => readModelLocation(parseStoreUrl('kurrentdb://h'), undefined, '--to-read-models'));
    expect(missing.message).toMatch(/pass --to-read-models <postgres URL>/);
    expect(readModelLocation(parseStoreUrl('kurrentdb://h'), 'postgres://h/rm', '--to-read-models')).toEqual({ kind: 'postgres', connectionString: 'postgres://h/rm' });
    expect(refusal(() => readModelLocation(parseStoreUrl('kurrentdb://h'), 'sqlite:/x', '--to-read-models')).code).toBe(ErrorCode.VALIDATION);
  });
});
