import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/server.js';

/**
 * Issue 17, dry run, through the real server over HTTP: a few mutations of each area
 * with `dryRun: true` answer with the events they would append (type, summary, before and
 * after per field, secrets only as "changed") and the warnings, or the userErrors, and
 * nothing is stored: the queries still read the old settings and the store's head stays.
 */
let server: TestServer;
let token: string;

interface Change {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly secret: boolean;
}
interface Planned {
  readonly streamId: string;
  readonly type: string;
  readonly section: string | null;
  readonly expectedRevision: number;
  readonly summary: string;
  readonly changes: Change[];
  readonly data: Record<string, unknown>;
}
type DryPayload = { userErrors: { path: string[]; code: string; message: string }[]; dryRun: { plannedEvents: Planned[] } | null } & Record<string, unknown>;

const post = async (query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> => {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
};

const PLANNED = 'dryRun { plannedEvents { streamId type section expectedRevision summary changes { field before after secret } data } }';

const mutate = async (name: string, inputType: string, input: Record<string, unknown>, selection = ''): Promise<DryPayload> =>
  (await post(`mutation($input: ${inputType}!) { ${name}(input: $input) { userErrors { path code message } ${PLANNED} ${selection} } }`, { input }))[name] as DryPayload;

const head = () => server.app.services.store.headPosition();
const dataKeys = () => server.app.services.db.selectFrom('data_keys').selectAll().execute();

/** A dry run of `name`: the store's head and the data keys must be as before. */
const dry = async (name: string, inputType: string, input: Record<string, unknown>, selection = ''): Promise<DryPayload> => {
  const before = { head: await head(), keys: await dataKeys() };
  const payload = await mutate(name, inputType, { ...input, dryRun: true }, selection);
  expect(await head()).toBe(before.head);
  expect(await dataKeys()).toEqual(before.keys);
  expect(payload.dryRun).not.toBeNull();
  return payload;
};

beforeAll(async () => {
  server = await startTestServer();
  const login = await post('mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { username: 'admin', password: ADMIN_PASSWORD } });
  token = (login.login as { token: string }).token;
  const created = await mutate('createMailbox', 'CreateMailboxInput', { number: 5, name: 'Fresh', address: 'fresh@example.com' });
  expect(created.userErrors).toEqual([]);
  expect(created.dryRun).toBeNull();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('dry run over HTTP (issue 17)', () => {
  it('identity: a rename shows before/after and stays unstored; a new user shows the password only as changed, and its username stays free', async () => {
    const rename = await dry('renameMailbox', 'RenameMailboxInput', { number: 1, name: 'Sales' }, 'mailbox { name }');
    expect(rename.userErrors).toEqual([]);
    expect(rename.mailbox).toBeNull();
    expect(rename.dryRun!.plannedEvents).toMatchObject([
      { streamId: 'mailbox-1', type: 'MailboxRenamed', section: 'identity.mailbox', summary: expect.stringMatching(/^name: ".+" → "Sales"$/), changes: [{ field: 'name', after: 'Sales', secret: false }] },
    ]);
    expect(((await post('{ mailbox(number: 1) { name } }')).mailbox as { name: string }).name).not.toBe('Sales');

    const user = await dry('createUser', 'CreateUserInput', { username: 'erin', displayName: 'Erin', email: 'erin@example.com', password: 'correct horse battery staple' }, 'user { id }');
    expect(user.userErrors).toEqual([]);
    expect(user.dryRun!.plannedEvents.map((e) => e.type)).toEqual(['UsernameClaimed', 'UserRegistered']);
    const registered = user.dryRun!.plannedEvents[1]!;
    expect(JSON.stringify(user)).not.toContain('$argon2');
    expect(registered.data['passwordHash']).toBe('(set)');
    expect(registered.changes.find((c) => c.field === 'passwordHash')).toEqual({ field: 'passwordHash', before: null, after: null, secret: true });
    expect(registered.summary).toContain('passwordHash: changed');
    // The username claim was planned, never stored: the real call still gets it.
    const real = await mutate('createUser', 'CreateUserInput', { username: 'erin', displayName: 'Erin', email: 'erin@example.com', password: 'correct horse battery staple' }, 'user { username }');
    expect(real.userErrors).toEqual([]);
    expect(real.user).toEqual({ username: 'erin' });
  });

  it('identity: a refusal is a userError, with an empty plan', async () => {
    const refused = await dry('renameMailbox', 'RenameMailboxInput', { number: 404, name: 'Nobody' });
    expect(refused.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    expect(refused.dryRun!.plannedEvents).toEqual([]);
  });

  it('access: a lock policy is planned, the stored policy stays', async () => {
    const before = await post('{ lockPolicy(mailboxNumber: 5) { threshold } }');
    const planned = await dry('configureLockPolicy', 'ConfigureLockPolicyInput', { mailboxNumber: 5, enabled: true, threshold: 4, notifyOperationsAdministrators: true });
    expect(planned.userErrors).toEqual([]);
    expect(planned.dryRun!.plannedEvents).toMatchObject([{ streamId: 'lock-policy-5', section: 'access.lockPolicy', expectedRevision: -1 }]);
    expect(planned.dryRun!.plannedEvents[0]!.changes.some((c) => c.field.endsWith('threshold') && c.after === 4)).toBe(true);
    expect(await post('{ lockPolicy(mailboxNumber: 5) { threshold } }')).toEqual(before);
  });

  it('outbound: the warnings the change would bring are predicted; a generated DKIM key seals nothing durable', async () => {
    const bounce = await dry('changeSmtpBasicSettings', 'ChangeSmtpBasicSettingsInput', { mailboxNumber: 5, bounceDestination: { kind: 'SENDER' } }, 'warnings { code } settings { mailboxNumber }');
    expect(bounce.userErrors).toEqual([]);
    expect((bounce.warnings as { code: string }[]).map((w) => w.code)).toContain('BOUNCE_TO_SENDER');
    expect(bounce.settings).toBeNull();
    const now = (await post('{ outboundSettings(mailboxNumber: 5) { warnings { code } } }')).outboundSettings as { warnings: { code: string }[] };
    expect(now.warnings.map((w) => w.code)).not.toContain('BOUNCE_TO_SENDER');

    // Mailbox 5 has no data key yet: the dry run must not create one (checked by `dry`).
    expect((await dataKeys()).filter((k) => k.scope === 'mailbox:5')).toEqual([]);
    const dkim = await dry('addDkimSignature', 'AddDkimSignatureInput', { mailboxNumber: 5, kind: 'AUTHOR', name: 'Main', domain: 'example.com', selector: 'mr1' }, 'signature { id }');
    expect(dkim.userErrors).toEqual([]);
    expect(dkim.signature).toBeNull();
    const [added] = dkim.dryRun!.plannedEvents;
    expect(added).toMatchObject({ streamId: 'dkim-5', section: 'outbound.dkim' });
    expect(JSON.stringify(added)).not.toMatch(/BEGIN|v1\./);
    expect(added!.changes.some((c) => c.secret)).toBe(true);
    expect(added!.summary).toContain('changed');
  });

  it('inbound: a new receive account shows its password as changed; deleting an unknown one is refused', async () => {
    const account = await dry(
      'addReceiveAccount',
      'AddReceiveAccountInput',
      { mailboxNumber: 5, displayName: 'Support', protocol: 'POP3', host: 'pop.example.com', port: 995, encryption: 'SSL_TLS', authMethod: 'PASSWORD', username: 'support', password: 'pop-password' },
      'account { id }',
    );
    expect(account.userErrors).toEqual([]);
    const [added] = account.dryRun!.plannedEvents;
    expect(added).toMatchObject({ streamId: 'receive-accounts-5', section: 'inbound.receive_accounts' });
    expect(JSON.stringify(account)).not.toContain('pop-password');
    expect(added!.summary).toMatch(/password: changed/);
    expect(((await post('{ receiveSettings(mailboxNumber: 5) { accounts { id } } }')).receiveSettings as { accounts: unknown[] }).accounts).toEqual([]);

    const unknown = await dry('deleteReceiveAccount', 'ReceiveAccountRefInput', { mailboxNumber: 5, accountId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.userErrors.length).toBe(1);
    expect(unknown.dryRun!.plannedEvents).toEqual([]);
  });

  it('integrations: a notice language and a chat destination are planned, the chat token only as changed', async () => {
    const language = await dry('setNoticeLanguage', 'SetNoticeLanguageInput', { mailboxNumber: 5, language: 'ja' });
    expect(language.userErrors).toEqual([]);
    expect(language.dryRun!.plannedEvents).toMatchObject([{ streamId: 'notice-language-5', changes: [{ field: 'language', after: 'ja' }] }]);

    const chat = await dry('addChatDestination', 'AddChatDestinationInput', { mailboxNumber: 5, kind: 'CHATWORK', name: 'Team room', apiToken: 'a'.repeat(32), roomId: '123', eventKinds: ['ACCOUNT_LOCKED'] });
    expect(chat.userErrors).toEqual([]);
    expect(JSON.stringify(chat)).not.toContain('a'.repeat(32));
    expect(chat.dryRun!.plannedEvents[0]!.summary).toMatch(/credential: changed/);
    expect(await post('{ chatDestinations(mailboxNumber: 5) { id } }')).toEqual({ chatDestinations: [] });
  });

  it('a read-only API token may not dry-run either: it is still a mutation', async () => {
    const issued = (await post('mutation { issueApiToken(input: { name: "reader", readOnly: true }) { token userErrors { code } } }')).issueApiToken as { token: string | null; userErrors: unknown[] };
    expect(issued.userErrors).toEqual([]);
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${issued.token}` },
      body: JSON.stringify({ query: 'mutation { renameMailbox(input: { number: 1, name: "X", dryRun: true }) { userErrors { code } } }' }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
