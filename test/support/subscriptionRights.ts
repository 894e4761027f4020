import { expect } from 'vitest';
import { AddMailboxMemberDocument, AssignMailboxRoleDocument, CreateUserDocument, LoginDocument } from '../generated/graphql.js';
import { gql, type subscribeQueued } from './server.js';

type Feed = ReturnType<typeof subscribeQueued>;

export const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

let counter = 0;

/** A new user who is an auditor of the mailbox, logged in through `loginUrl`. */
export const auditorOf = async (url: string, adminToken: string, mailboxNumber: number, loginUrl = url) => {
  const username = `watcher${Date.now().toString(36)}${counter++}`;
  const password = `${username}-password`;
  const created = await gql(url, CreateUserDocument, { input: { username, displayName: username, email: `${username}@example.com`, password } }, { token: adminToken });
  expect(created.data?.createUser.userErrors).toEqual([]);
  const userId = created.data!.createUser.user!.id;
  expect((await gql(url, AddMailboxMemberDocument, { input: { mailboxNumber, userId } }, { token: adminToken })).data?.addMailboxMember.userErrors).toEqual([]);
  expect((await gql(url, AssignMailboxRoleDocument, { input: { mailboxNumber, userId, role: 'AUDITOR' } }, { token: adminToken })).data?.assignMailboxRole.userErrors).toEqual([]);
  const token = (await gql(loginUrl, LoginDocument, { input: { username, password } })).data!.login.token!;
  return { userId, username, password, token };
};

/** The WebSocket close code that ended a subscription (graphql-ws hands the CloseEvent to `error`). */
export const closedWith = async (feed: Feed, timeoutMs = 15_000): Promise<number | undefined> => {
  await until('the subscription to be closed', () => feed.error() !== null || feed.completed(), timeoutMs);
  return (feed.error() as { code?: number } | null)?.code;
};

/** The error code of a subscription's last message (deliveries queued before it are skipped), once it completed. */
export const endedWith = async (feed: Feed, timeoutMs = 15_000): Promise<string | undefined> => {
  let last = await feed.next(timeoutMs);
  while (!last.errors) last = await feed.next(timeoutMs);
  await until('the subscription to complete', () => feed.completed(), timeoutMs);
  return last.errors?.[0]?.extensions?.code as string | undefined;
};
