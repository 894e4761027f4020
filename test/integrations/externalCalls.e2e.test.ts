import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlMessageStore } from '../../src/mail/messageStore/sqlMessageStore.js';
import {
  AddExternalCallDocument,
  AddMailboxMemberDocument,
  CreateMailboxDocument,
  CreateUserDocument,
  ChangeExternalCallDocument,
  ExternalCallsDocument,
  LoginDocument,
  RemoveExternalCallDocument,
  RenderExternalCallDocument,
} from '../generated/graphql.js';
import { postgresAvailable } from '../support/postgres.js';
import { ADMIN_PASSWORD, gql, startTestServer, type TestServer } from '../support/server.js';

const pgAvailable = await postgresAvailable();

describe.each([
  { storage: 'sqlite' as const, enabled: true },
  { storage: 'postgres' as const, enabled: pgAvailable },
])('external system calls end to end on $storage', ({ storage, enabled }) => {
  let server: TestServer;
  let admin: string;
  let messageId: string;

  beforeAll(async () => {
    if (!enabled) return;
    server = await startTestServer({ storage });
    admin = (await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } })).data!.login.token!;
    const raw = new TextEncoder().encode('Subject: test\r\n\r\nbody\r\n');
    const inserted = await createSqlMessageStore(server.app.services.db).insert({
      mailboxNumber: 1,
      accountId: 'e2e-account',
      sourceKey: 'uidl:e2e-1',
      messageId: '<a1@mail.example.jp>',
      subject: 'あ',
      from: '山田 太郎 <taro@example.jp>',
      dateHeader: null,
      receivedAt: new Date('2030-01-01T00:00:00.000Z'),
      size: raw.length,
      sha256: createHash('sha256').update(raw).digest('hex'),
      raw,
    });
    messageId = inserted.id;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it.skipIf(!enabled)('refuses a javascript: template with a userError and appends nothing', async () => {
    const before = await server.app.services.store.readAll({ fromPosition: 0 });
    const res = await gql(
      server.url,
      AddExternalCallDocument,
      { input: { mailboxNumber: 1, name: 'XSS', urlTemplate: 'javascript:alert(1)//{subject}' } },
      { token: admin },
    );
    expect(res.data!.addExternalCall.externalCall).toBeNull();
    expect(res.data!.addExternalCall.userErrors).toEqual([
      { path: ['input', 'urlTemplate'], code: 'VALIDATION', message: expect.stringContaining('"javascript:"') },
    ]);
    expect(await server.app.services.store.readAll({ fromPosition: 0 })).toHaveLength(before.length);
  });

  it.skipIf(!enabled)('registers a Shift_JIS call and renders it for a stored mail, GET then POST', async () => {
    const added = await gql(
      server.url,
      AddExternalCallDocument,
      {
        input: {
          mailboxNumber: 1,
          name: '顧客管理',
          urlTemplate: 'https://crm.example.com/find?from={senderAddress}&name={senderName}&subject={subject}&mid={internetMessageId}&box={mailboxNumber}',
          encoding: 'SHIFT_JIS',
          reason: 'CRM lookup',
        },
      },
      { token: admin },
    );
    expect(added.data!.addExternalCall.userErrors).toEqual([]);
    const call = added.data!.addExternalCall.externalCall!;
    expect(call).toMatchObject({ name: '顧客管理', method: 'GET', encoding: 'SHIFT_JIS', openInNewWindow: true });

    const listed = await gql(server.url, ExternalCallsDocument, { mailboxNumber: 1 }, { token: admin });
    expect(listed.data!.externalCalls.map((c) => c.id)).toEqual([call.id]);

    const get = await gql(server.url, RenderExternalCallDocument, { mailboxNumber: 1, callId: call.id, messageId }, { token: admin });
    expect(get.errors).toBeUndefined();
    expect(get.data!.renderExternalCall).toEqual({
      method: 'GET',
      url: 'https://crm.example.com/find?from=taro%40example.jp&name=%8ER%93c%20%91%BE%98Y&subject=%82%A0&mid=a1%40mail.example.jp&box=1',
      body: null,
      contentType: null,
      openInNewWindow: true,
    });

    const changed = await gql(server.url, ChangeExternalCallDocument, { input: { mailboxNumber: 1, callId: call.id, method: 'POST', encoding: 'UTF_8' } }, { token: admin });
    expect(changed.data!.changeExternalCall.userErrors).toEqual([]);
    const post = await gql(
      server.url,
      RenderExternalCallDocument,
      { mailboxNumber: 1, callId: call.id, messageId, values: { senderName: 'Taro' } },
      { token: admin },
    );
    expect(post.data!.renderExternalCall).toMatchObject({
      method: 'POST',
      url: 'https://crm.example.com/find',
      body: 'from=taro%40example.jp&name=Taro&subject=%E3%81%82&mid=a1%40mail.example.jp&box=1',
      contentType: 'application/x-www-form-urlencoded; charset=UTF-8',
    });

    const explicit = await gql(server.url, RenderExternalCallDocument, { mailboxNumber: 1, callId: call.id, values: { subject: '問' } }, { token: admin });
    expect(explicit.data!.renderExternalCall.body).toBe('from=&name=&subject=%E5%95%8F&mid=&box=1');

    const removed = await gql(server.url, RemoveExternalCallDocument, { input: { mailboxNumber: 1, callId: call.id } }, { token: admin });
    expect(removed.data!.removeExternalCall.removedExternalCallId).toBe(call.id);
    expect((await gql(server.url, ExternalCallsDocument, { mailboxNumber: 1 }, { token: admin })).data!.externalCalls).toEqual([]);
  });

  it.skipIf(!enabled)('does not render a mail of another mailbox', async () => {
    const added = await gql(server.url, AddExternalCallDocument, { input: { mailboxNumber: 1, name: 'Other', urlTemplate: 'https://x.example.com/?s={subject}' } }, { token: admin });
    const callId = added.data!.addExternalCall.externalCall!.id;
    const res = await gql(server.url, RenderExternalCallDocument, { mailboxNumber: 1, callId, messageId: '00000000-0000-4000-8000-000000000000' }, { token: admin });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it.skipIf(!enabled)('lets a plain member list and render the calls but not change them; other mailboxes get nothing', async () => {
    await gql(server.url, CreateMailboxDocument, { input: { number: 2, name: 'Sales', address: 'sales@example.com' } }, { token: admin });
    const user = await gql(
      server.url,
      CreateUserDocument,
      { input: { username: 'mika', displayName: 'Mika', email: 'mika@example.com', password: 'mika-password-1' } },
      { token: admin },
    );
    await gql(server.url, AddMailboxMemberDocument, { input: { mailboxNumber: 1, userId: user.data!.createUser.user!.id } }, { token: admin });
    const mika = (await gql(server.url, LoginDocument, { input: { username: 'mika', password: 'mika-password-1' } })).data!.login.token!;
    const added = await gql(server.url, AddExternalCallDocument, { input: { mailboxNumber: 1, name: 'Members', urlTemplate: 'https://x.example.com/?s={subject}' } }, { token: admin });
    const callId = added.data!.addExternalCall.externalCall!.id;

    const rendered = await gql(server.url, RenderExternalCallDocument, { mailboxNumber: 1, callId, messageId }, { token: mika });
    expect(rendered.data!.renderExternalCall.url).toBe('https://x.example.com/?s=%E3%81%82');
    const listed = await gql(server.url, ExternalCallsDocument, { mailboxNumber: 1 }, { token: mika });
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.externalCalls).toContainEqual(expect.objectContaining({ id: callId, name: 'Members', urlTemplate: 'https://x.example.com/?s={subject}' }));
    expect((await gql(server.url, ExternalCallsDocument, { mailboxNumber: 2 }, { token: mika })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const refused = await gql(server.url, AddExternalCallDocument, { input: { mailboxNumber: 1, name: 'Mine', urlTemplate: 'https://x.example.com/' } }, { token: mika });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const change = await gql(server.url, ChangeExternalCallDocument, { input: { mailboxNumber: 1, callId, name: 'Renamed' } }, { token: mika });
    expect(change.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const remove = await gql(server.url, RemoveExternalCallDocument, { input: { mailboxNumber: 1, callId } }, { token: mika });
    expect(remove.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The call and the mail belong to mailbox 1: asking through mailbox 2 finds neither.
    expect((await gql(server.url, RenderExternalCallDocument, { mailboxNumber: 2, callId, messageId }, { token: admin })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql(server.url, RenderExternalCallDocument, { mailboxNumber: 2, callId, messageId }, { token: mika })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
