/**
 * Shared wiring of the fetch tests: a migrated read-model database (SQLite or PostgreSQL)
 * with the real message store and fetch state, accounts pointing at a private Dovecot,
 * and message fixtures.
 */
import { randomUUID } from 'node:crypto';
import { migrateToLatest } from '../../src/db/migrate.js';
import { fetchAccount } from '../../src/mail/fetch/fetchAccount.js';
import { createSqlFetchStateStore, type FetchStateStore } from '../../src/mail/fetch/fetchStateStore.js';
import type { FetchAccountConfig, FetchDeps, FetchEncryption, FetchProtocol, FetchReport } from '../../src/mail/fetch/fetchTypes.js';
import type { MessageStore } from '../../src/mail/messageStore/messageStore.js';
import { createSqlMessageStore } from '../../src/mail/messageStore/sqlMessageStore.js';
import { openReadModelDb, type OpenedReadModelDb, type ReadModelKind } from '../db/readModelDbs.js';
import type { Dovecot } from '../support/dovecot.js';
import { loopbackEgress } from '../support/egress.js';

export interface FetchWorld {
  readonly opened: OpenedReadModelDb;
  readonly store: MessageStore;
  readonly state: FetchStateStore;
  run(account: FetchAccountConfig, extra?: Partial<FetchDeps>): Promise<FetchReport>;
  cleanup(): Promise<void>;
}

export const openFetchWorld = async (kind: ReadModelKind): Promise<FetchWorld> => {
  const opened = await openReadModelDb(kind);
  await migrateToLatest(opened.handle.db);
  const store = createSqlMessageStore(opened.handle.db);
  const state = createSqlFetchStateStore(opened.handle.db);
  return {
    opened,
    store,
    state,
    run: (account, extra = {}) => fetchAccount(account, { store, state, now: () => new Date(), egress: loopbackEgress, ...extra }),
    cleanup: () => opened.cleanup(),
  };
};

export interface AccountChoice {
  readonly protocol: FetchProtocol;
  readonly encryption: FetchEncryption;
  readonly user: string;
  readonly password: string;
  readonly leaveOnServer?: boolean;
  readonly deleteDuplicates?: boolean;
  readonly mailboxNumber?: number;
}

/** The port Dovecot listens on for that protocol and encryption. */
export const portFor = (dovecot: Dovecot, protocol: FetchProtocol, encryption: FetchEncryption): number =>
  protocol === 'IMAP'
    ? encryption === 'SSL_TLS'
      ? dovecot.ports.imaps
      : dovecot.ports.imap
    : encryption === 'SSL_TLS'
      ? dovecot.ports.pop3s
      : dovecot.ports.pop3;

export const accountFor = (dovecot: Dovecot, choice: AccountChoice): FetchAccountConfig => ({
  accountId: `acct-${randomUUID()}`,
  mailboxNumber: choice.mailboxNumber ?? 1,
  protocol: choice.protocol,
  host: dovecot.host,
  port: portFor(dovecot, choice.protocol, choice.encryption),
  encryption: choice.encryption,
  auth: { kind: 'password', user: choice.user, password: choice.password },
  leaveOnServer: choice.leaveOnServer ?? false,
  deleteDuplicates: choice.deleteDuplicates ?? false,
  tls: { ca: dovecot.caCert },
  timeouts: { connectMs: 5000, greetingMs: 5000, idleMs: 10_000 },
});

let counter = 0;

/** A plain RFC 5322 message; `bodyBytes` pads the body with 76-column lines (some starting with "."). */
export const makeMessage = (subject: string, options: { bodyBytes?: number; messageId?: string; date?: string } = {}): string => {
  const id = options.messageId ?? `<${Date.now()}.${++counter}.${randomUUID()}@test.example>`;
  const headers = [
    'From: "Sender" <sender@example.com>',
    'To: team@example.com',
    `Subject: ${subject}`,
    `Message-ID: ${id}`,
    `Date: ${options.date ?? 'Fri, 27 Nov 2026 09:00:00 +0900'}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
  ];
  const lines: string[] = [`Body of ${subject}.`, '.a line that starts with a dot', '..two dots'];
  let size = lines.join('\r\n').length;
  const target = options.bodyBytes ?? 0;
  for (let i = 0; size < target; i++) {
    const line = (i % 50 === 0 ? '.' : '') + `line ${i} `.padEnd(74, 'x');
    lines.push(line);
    size += line.length + 2;
  }
  return `${headers.join('\r\n')}\r\n\r\n${lines.join('\r\n')}\r\n`;
};
