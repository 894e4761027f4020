import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventstore/sqlite/sqliteEventStore.js';
import type { NewEvent } from '../../src/eventstore/port.js';
import {
  AccessRestrictionDocument,
  AddSmtpServerDocument,
  ConfigurationAsOfDocument,
  ConfigureIpRestrictionDocument,
  ConfigureLockPolicyDocument,
  CreateMailboxDocument,
  CreateUserDocument,
  LoginDocument,
  MailboxesWithMembersDocument,
  OutboundSettingsDocument,
  UsersDocument,
} from '../generated/graphql.js';
import { ADMIN_PASSWORD, gql, startTestServer } from '../support/server.js';

/** Fixed, so the server on the copy unwraps the data keys the source server created. */
export const MASTER_KEY = randomBytes(32).toString('base64');
export const SMTP_PASSWORDS = { 1: 'relay-secret-1 ✉', 2: 'relay-secret-2' } as const;

const ok = <T extends { errors?: unknown }>(res: T): T => {
  if (res.errors) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res;
};

/** Everything a server shows of the configuration, as the comparison across stores sees it. */
/** `position`: where configurationAsOf looks (default: the head, which the copy's filler moves). */
export const snapshotConfiguration = async (url: string, position?: number) => {
  const token = ok(await gql(url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
  if (!token) throw new Error('admin login failed');
  const q = async <R, V>(doc: Parameters<typeof gql<R, V>>[1], variables: V) => ok(await gql(url, doc, variables, { token })).data!;
  return {
    mailboxes: await q(MailboxesWithMembersDocument, { first: 50 }),
    users: await q(UsersDocument, { first: 50 }),
    outbound1: await q(OutboundSettingsDocument, { mailboxNumber: 1 }),
    outbound2: await q(OutboundSettingsDocument, { mailboxNumber: 2 }),
    access1: await q(AccessRestrictionDocument, { mailboxNumber: 1 }),
    configuration1: await q(ConfigurationAsOfDocument, { mailboxNumber: 1, position }),
    configuration2: await q(ConfigurationAsOfDocument, { mailboxNumber: 2, position }),
  };
};

const configure = async (url: string, round: 1 | 2) => {
  const token = ok(await gql(url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
  const run = async <R, V>(doc: Parameters<typeof gql<R, V>>[1], variables: V) => {
    const data = ok(await gql(url, doc, variables, { token })).data as Record<string, { userErrors?: unknown[] }>;
    const errors = Object.values(data)[0]?.userErrors;
    if (errors?.length) throw new Error(`userErrors: ${JSON.stringify(errors)}`);
  };
  if (round === 1) {
    await run(CreateMailboxDocument, { input: { number: 2, name: 'Support', address: 'support@example.com' } });
    await run(AddSmtpServerDocument, {
      input: { mailboxNumber: 1, name: 'Relay', host: 'smtp.example.com', port: 587, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'relay-user', password: SMTP_PASSWORDS[1] },
    });
    await run(CreateUserDocument, { input: { username: 'operator', displayName: 'Operator', email: 'op@example.com', password: 'operator-password-1' } });
    return;
  }
  await run(AddSmtpServerDocument, {
    input: { mailboxNumber: 2, name: 'Backup relay', host: 'smtp2.example.com', port: 465, encryption: 'SMTPS', authMethod: 'PASSWORD', user: 'u2', password: SMTP_PASSWORDS[2] },
  });
  await run(ConfigureIpRestrictionDocument, { input: { mailboxNumber: 1, enabled: true, allowedAddresses: ['127.0.0.0/8', '::1'], exemptUserIds: [] } });
  await run(ConfigureLockPolicyDocument, { input: { mailboxNumber: 2, enabled: true, threshold: 6, notifyOperationsAdministrators: true } });
};

/** Neutral bulk events (no projection reads this type), in batches of one stream each. */
const appendFiller = async (dataDir: string, count: number, offset: number) => {
  const store = new SqliteEventStore({ path: join(dataDir, 'events.sqlite'), synchronous: 'NORMAL' });
  try {
    const perCall = 5000;
    for (let done = 0; done < count; done += perCall) {
      const n = Math.min(perCall, count - done);
      const events: NewEvent[] = Array.from({ length: n }, (_, i) => ({
        id: randomUUID(),
        type: 'LoadTestSample',
        data: { sequence: offset + done + i, subject: `Sample ${offset + done + i} — 受信`, sizeBytes: 1024 + i, tags: ['bulk', 'filler'] },
        metadata: { actorId: null, correlationId: randomUUID(), reason: 'seeded for the store copy test' },
      }));
      await store.appendToStream(`load-test-${offset}-${done}`, events);
    }
    return store.headPosition();
  } finally {
    await store.close();
  }
};

/**
 * An SQLite data dir with exactly `total` events: configuration made through the real
 * server in two rounds (the second after half the filler, so product events sit
 * mid-chain), then filler up to `total`. Returns the configuration as that server showed it.
 */
export const seedSqliteSource = async (dataDir: string, total: number) => {
  const env = { MAILROOM_MASTER_KEY: MASTER_KEY };
  let server = await startTestServer({ dataDir, env });
  await configure(server.url, 1);
  await server.stop();
  const afterRound1 = await appendFiller(dataDir, Math.floor(total / 2), 0);
  server = await startTestServer({ dataDir, env });
  await server.app.services.runner.waitForPosition(afterRound1, 60_000);
  await configure(server.url, 2);
  await server.app.services.runner.waitForPosition(await server.app.services.store.headPosition(), 60_000);
  const configuration = await snapshotConfiguration(server.url);
  const head = await server.app.services.store.headPosition();
  await server.stop();
  await appendFiller(dataDir, total - head, head);
  return { configuration };
};
