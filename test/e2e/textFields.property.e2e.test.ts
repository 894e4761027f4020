import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLInputType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/server.js';

/**
 * Issue 20, end to end: random strings (every C0/C1 control, U+2028/2029, bidi controls,
 * combining sequences NFC changes, lone surrogates, long runs) go to every mutation with a
 * text field, through the real server over HTTP. Each answer is either a refusal (a
 * VALIDATION userError naming the field, no raw control in the message, the store's head
 * position unchanged) or an acceptance (read back equal, code point for code point, to
 * the trimmed NFC form of what was sent). The oracle below is written independently of
 * src/domain/shared/text.ts on purpose.
 */

// ---- a small seeded generator (mulberry32), so a failure replays with the same seed ----
const SEED = Number(process.env.TEXT_PROPERTY_SEED ?? 20_2026);
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
const CONTROLS = [...range(0x00, 0x1f), ...range(0x7f, 0x9f)];
const SEPARATORS = ['\u2028', '\u2029'];
const BIDI = [...range(0x202a, 0x202e), ...range(0x2066, 0x2069)];
/** Sequences NFC composes (e + acute, Hangul jamo), reorders (two combining marks) or splits (U+0344). */
const COMBINING = ['e\u0301', 'A\u030a', '\u1100\u1161\u11a8', 'a\u0323\u0307', '\u0344', '\u212b', 'Å', 'ｶﾞ'];
const PLAIN = [...range(0x20, 0x7e), 'é', 'ü', 'ß', '日', '本', 'サ', 'ポ', '😀', '👩‍💻', '\u00a0', '\u3000', '\u200f', '\u05d0', '[', '<', '&'];
const LONE = ['\ud800', '\udfff'];

const randomText = (next: () => number): string => {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const length = next() < 0.1 ? 90 + Math.floor(next() * 30) : Math.floor(next() * 24);
  let out = next() < 0.2 ? '  ' : '';
  for (let i = 0; i < length; i++) {
    const r = next();
    out += r < 0.7 ? pick(PLAIN) : r < 0.8 ? pick(COMBINING) : r < 0.9 ? pick(CONTROLS) : r < 0.95 ? pick(BIDI) : r < 0.98 ? pick(SEPARATORS) : pick(LONE);
  }
  return out + (next() < 0.2 ? ' \u3000' : '');
};

/**
 * Every refused character alone and inside a name, then the seeded random strings. A slow
 * target (argon2id per request) takes every `stride`-th refused character and fewer random
 * strings: fewer samples, never none.
 */
const corpus = (seed: number, count: number, stride = 1): string[] => {
  const next = rng(seed);
  return [
    '\u0000\u0007',
    '\r\nRCPT TO:<a@b>',
    ...[...CONTROLS, ...SEPARATORS, ...BIDI, ...LONE].filter((_, i) => i % stride === 0).map((c) => `Support${c}Desk`),
    ...COMBINING.map((c) => ` Caf${c} `),
    '   ',
    'x'.repeat(101),
    '😀'.repeat(100),
    ...Array.from({ length: count }, () => randomText(next)),
  ];
};

// ---- the oracle ----
const REFUSED = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\p{Cs}/u;
type Expectation = { readonly accepted: true; readonly stored: string | null } | { readonly accepted: false };
const expectationOf = (sent: string, max: number, optional = false): Expectation => {
  if (REFUSED.test(sent)) return { accepted: false };
  const stored = sent.normalize('NFC').trim();
  const length = [...stored].length;
  if (length === 0) return optional ? { accepted: true, stored: null } : { accepted: false };
  return length <= max ? { accepted: true, stored } : { accepted: false };
};

// ---- the server ----
let server: TestServer;
let token: string;

interface UserError {
  readonly path: string[];
  readonly code: string;
  readonly message: string;
}

const post = async (query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> => {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
};

const mutate = async (name: string, inputType: string, selection: string, input: Record<string, unknown>) => {
  const data = await post(`mutation($input: ${inputType}!) { ${name}(input: $input) { userErrors { path code message } ${selection} } }`, { input });
  return data[name] as { userErrors: UserError[] } & Record<string, unknown>;
};

const head = () => server.app.services.store.headPosition();

interface Target {
  /** `Input.field` as in the schema. */
  readonly field: string;
  readonly max: number;
  readonly optional?: boolean;
  /** Sends one value; returns the payload. */
  send(value: string, i: number): Promise<{ userErrors: UserError[] } & Record<string, unknown>>;
  /** What the server stores now (null: nothing), read back through the API or, for reasons, the event metadata. */
  read(payload: Record<string, unknown>): Promise<string | null>;
  /** Slow targets: every `stride`-th refused character and `random` random strings. @default 1, 60 */
  readonly stride?: number;
  readonly random?: number;
}

/**
 * An add-style mutation: each accepted value creates a thing, read back through the API
 * and then removed again, so per-mailbox limits never refuse a later sample.
 */
const adding = (spec: {
  field: string;
  max: number;
  mutation: string;
  selection: string;
  input: (value: string, i: number) => Record<string, unknown>;
  /** The created thing's id and stored value, from the payload. */
  created: (payload: Record<string, unknown>) => { id: string; value: string | null } | null;
  remove?: (id: string) => Promise<unknown>;
  stride?: number;
  random?: number;
}): Target => ({
  field: spec.field,
  max: spec.max,
  ...(spec.stride === undefined ? {} : { stride: spec.stride }),
  ...(spec.random === undefined ? {} : { random: spec.random }),
  send: (value, i) => mutate(spec.mutation, `${spec.field.split('.')[0]}`, spec.selection, spec.input(value, i)),
  read: async (payload) => {
    const made = spec.created(payload);
    if (made && spec.remove) expect((await spec.remove(made.id)) as { userErrors: UserError[] }).toMatchObject({ userErrors: [] });
    return made?.value ?? null;
  },
});
const removing = (mutation: string, inputType: string, ref: (id: string) => Record<string, unknown>) => (id: string) => mutate(mutation, inputType, '', ref(id));
let fuzzRun = 0;
/** A value unique within the run (usernames, selectors, mailbox numbers must not repeat). */
const unique = () => ++fuzzRun;
let dkimPem = '';
let viewerId = '';

const ids: Record<string, string> = {};

const targets: Target[] = [
  {
    field: 'RenameMailboxInput.name',
    max: 100,
    send: (name) => mutate('renameMailbox', 'RenameMailboxInput', 'mailbox { name }', { number: 1, name }),
    read: async () => ((await post('{ mailbox(number: 1) { name } }', {})).mailbox as { name: string }).name,
  },
  {
    // A fresh valid name each time, so every accepted reason has an event to ride on.
    field: 'RenameMailboxInput.reason',
    max: 500,
    optional: true,
    send: (reason, i) => mutate('renameMailbox', 'RenameMailboxInput', 'mailbox { name }', { number: 1, name: `Reason ${i}`, reason }),
    read: async () => {
      const [last] = await server.app.services.store.readAll({ fromPosition: await head() });
      return (last?.metadata.reason as string | null | undefined) ?? null;
    },
  },
  {
    field: 'ChangeSmtpServerInput.name',
    max: 100,
    send: (name) => mutate('changeSmtpServer', 'ChangeSmtpServerInput', 'server { name user }', { ...smtpServer(), serverId: ids.smtp, name }),
    read: async (p) => (p.server as { name: string } | null)?.name ?? null,
  },
  {
    field: 'ChangeSmtpServerInput.user',
    max: 255,
    send: (user) => mutate('changeSmtpServer', 'ChangeSmtpServerInput', 'server { name user }', { ...smtpServer(), serverId: ids.smtp, user }),
    read: async (p) => (p.server as { user: string } | null)?.user ?? null,
  },
  {
    field: 'ChangeExternalCallInput.name',
    max: 100,
    send: (name) => mutate('changeExternalCall', 'ChangeExternalCallInput', 'externalCall { name }', { mailboxNumber: 1, callId: ids.call, name }),
    read: async (p) => (p.externalCall as { name: string } | null)?.name ?? null,
  },
  {
    field: 'ChangeChatDestinationInput.name',
    max: 100,
    send: (name) => mutate('changeChatDestination', 'ChangeChatDestinationInput', 'chatDestination { name }', { mailboxNumber: 1, destinationId: ids.chat, name }),
    read: async (p) => (p.chatDestination as { name: string } | null)?.name ?? null,
  },
  {
    field: 'ChangeOAuthCredentialInput.displayName',
    max: 100,
    send: (displayName) => mutate('changeOAuthCredential', 'ChangeOAuthCredentialInput', 'credential { displayName clientId }', { mailboxNumber: 1, credentialId: ids.oauth, displayName }),
    read: async (p) => (p.credential as { displayName: string } | null)?.displayName ?? null,
  },
  {
    field: 'ChangeOAuthCredentialInput.clientId',
    max: 255,
    send: (clientId) => mutate('changeOAuthCredential', 'ChangeOAuthCredentialInput', 'credential { displayName clientId }', { mailboxNumber: 1, credentialId: ids.oauth, clientId }),
    read: async (p) => (p.credential as { clientId: string } | null)?.clientId ?? null,
  },
  {
    field: 'ChangeReceiveAccountInput.displayName',
    max: 100,
    send: (displayName) => mutate('changeReceiveAccount', 'ChangeReceiveAccountInput', 'account { displayName username }', { mailboxNumber: 1, accountId: ids.account, displayName }),
    read: async (p) => (p.account as { displayName: string } | null)?.displayName ?? null,
  },
  {
    field: 'ChangeReceiveAccountInput.username',
    max: 255,
    send: (username) => mutate('changeReceiveAccount', 'ChangeReceiveAccountInput', 'account { displayName username }', { mailboxNumber: 1, accountId: ids.account, username }),
    read: async (p) => (p.account as { username: string } | null)?.username ?? null,
  },
  adding({
    field: 'CreateMailboxInput.name',
    max: 100,
    mutation: 'createMailbox',
    selection: 'mailbox { number name }',
    input: (name) => {
      const number = 1000 + unique();
      return { number, name, address: `fuzz${number}@example.com` };
    },
    created: (p) => {
      const m = p.mailbox as { number: number; name: string } | null;
      return m ? { id: String(m.number), value: m.name } : null;
    },
  }),
  adding({
    field: 'AddSmtpServerInput.name',
    max: 100,
    mutation: 'addSmtpServer',
    selection: 'server { id name user }',
    input: (name) => ({ ...smtpServer(), name, password: 'secret-password' }),
    created: (p) => {
      const x = p.server as { id: string; name: string } | null;
      return x ? { id: x.id, value: x.name } : null;
    },
    remove: removing('removeSmtpServer', 'SmtpServerRefInput', (serverId) => ({ mailboxNumber: 1, serverId })),
  }),
  adding({
    field: 'AddSmtpServerInput.user',
    max: 255,
    mutation: 'addSmtpServer',
    selection: 'server { id name user }',
    // A name of its own: server names are unique in a mailbox, and 'Relay' is taken.
    input: (user) => ({ ...smtpServer(), name: `Fuzz ${unique()}`, user, password: 'secret-password' }),
    created: (p) => {
      const x = p.server as { id: string; user: string } | null;
      return x ? { id: x.id, value: x.user } : null;
    },
    remove: removing('removeSmtpServer', 'SmtpServerRefInput', (serverId) => ({ mailboxNumber: 1, serverId })),
  }),
  {
    field: 'ConfigureRakutenRelayInput.user',
    max: 255,
    send: (user) =>
      mutate('configureRakutenRelay', 'ConfigureRakutenRelayInput', 'settings { rakutenRelay { user } }', {
        mailboxNumber: 1, realAddress: 'shop@example.com', host: 'relay.example.com', port: 587, user, password: 'relay-password',
      }),
    read: async (p) => (p.settings as { rakutenRelay: { user: string } | null } | null)?.rakutenRelay?.user ?? null,
  },
  adding({
    field: 'AddExternalCallInput.name',
    max: 100,
    mutation: 'addExternalCall',
    selection: 'externalCall { id name }',
    input: (name) => ({ mailboxNumber: 1, name, urlTemplate: 'https://crm.example.com/search?q={senderAddress}' }),
    created: (p) => {
      const x = p.externalCall as { id: string; name: string } | null;
      return x ? { id: x.id, value: x.name } : null;
    },
    remove: removing('removeExternalCall', 'ExternalCallRefInput', (callId) => ({ mailboxNumber: 1, callId })),
  }),
  adding({
    field: 'AddChatDestinationInput.name',
    max: 100,
    mutation: 'addChatDestination',
    selection: 'chatDestination { id name }',
    input: (name) => ({ mailboxNumber: 1, kind: 'CHATWORK', name, apiToken: 'a'.repeat(32), roomId: '123', eventKinds: ['ACCOUNT_LOCKED'] }),
    created: (p) => {
      const x = p.chatDestination as { id: string; name: string } | null;
      return x ? { id: x.id, value: x.name } : null;
    },
    remove: removing('removeChatDestination', 'ChatDestinationRefInput', (destinationId) => ({ mailboxNumber: 1, destinationId })),
  }),
  ...(['displayName', 'clientId'] as const).map((key) =>
    adding({
      field: `RegisterOAuthCredentialInput.${key}`,
      max: key === 'displayName' ? 100 : 255,
      mutation: 'registerOAuthCredential',
      selection: 'credential { id displayName clientId }',
      input: (value) => ({ mailboxNumber: 1, provider: 'GOOGLE', displayName: 'Google', clientId: 'client-1', clientSecret: 'client-secret', redirectUrl: 'https://app.example.com/oauth/callback', [key]: value }),
      created: (p) => {
        const x = p.credential as ({ id: string } & Record<typeof key, string>) | null;
        return x ? { id: x.id, value: x[key] } : null;
      },
      remove: removing('deleteOAuthCredential', 'OAuthCredentialRefInput', (credentialId) => ({ mailboxNumber: 1, credentialId })),
    }),
  ),
  adding({
    field: 'AddReceiveAccountInput.displayName',
    max: 100,
    mutation: 'addReceiveAccount',
    selection: 'account { id displayName }',
    input: (displayName) => ({ mailboxNumber: 1, displayName, protocol: 'POP3', host: 'pop.example.com', port: 995, encryption: 'SSL_TLS', authMethod: 'PASSWORD', username: `fuzz${unique()}`, password: 'pop-password' }),
    created: (p) => {
      const x = p.account as { id: string; displayName: string } | null;
      return x ? { id: x.id, value: x.displayName } : null;
    },
    remove: removing('deleteReceiveAccount', 'ReceiveAccountRefInput', (accountId) => ({ mailboxNumber: 1, accountId })),
  }),
  adding({
    // An imported key: generating one per request would make the samples slow, not the rule different.
    field: 'AddDkimSignatureInput.name',
    max: 100,
    mutation: 'addDkimSignature',
    selection: 'signature { id name }',
    input: (name) => ({ mailboxNumber: 1, name, kind: 'AUTHOR', domain: 'example.com', selector: `fz${unique()}`, privateKeyPem: dkimPem }),
    created: (p) => {
      const x = p.signature as { id: string; name: string } | null;
      return x ? { id: x.id, value: x.name } : null;
    },
    remove: removing('removeDkimSignature', 'DkimSignatureRefInput', (signatureId) => ({ mailboxNumber: 1, signatureId })),
  }),
  {
    field: 'IssueApiTokenInput.name',
    max: 100,
    send: (name) => mutate('issueApiToken', 'IssueApiTokenInput', 'tokenId', { name }),
    read: async (p) => {
      const tokens = ((await post('query($id: ID!) { user(id: $id) { apiTokens { id name } } }', { id: viewerId })).user as { apiTokens: { id: string; name: string }[] }).apiTokens;
      return tokens.find((t) => t.id === p.tokenId)?.name ?? null;
    },
  },
  adding({
    // argon2id per registration: fewer samples (every 6th refused character, 10 random strings).
    field: 'CreateUserInput.displayName',
    max: 100,
    stride: 6,
    random: 10,
    mutation: 'createUser',
    selection: 'user { id displayName }',
    input: (displayName) => {
      const n = unique();
      return { username: `fuzz${n}`, email: `fuzz${n}@example.com`, password: 'fuzz-password-1', displayName };
    },
    created: (p) => {
      const x = p.user as { id: string; displayName: string } | null;
      return x ? { id: x.id, value: x.displayName } : null;
    },
  }),
];

const smtpServer = () => ({ mailboxNumber: 1, name: 'Relay', host: 'smtp.example.com', port: 587, encryption: 'STARTTLS', authMethod: 'PASSWORD', user: 'relay-user' });

/**
 * Every String argument of every mutation input, classified. A new text field fails this
 * test until it is listed: as a free-text field (and then fuzzed above, or named in
 * NOT_FUZZED with the reason), or as structured input with its own parser.
 */
const STRUCTURED = new Set([
  // addresses, hosts, URLs, ids and tokens with their own grammar
  'address', 'email', 'host', 'redirectUrl', 'webhookUrl', 'urlTemplate', 'realAddress', 'contactAddress', 'matchValue', 'fromAddress',
  'to', 'from', 'errorNotificationAddress', 'notifyAddresses', 'allowedAddresses', 'domain', 'selector', 'tenant', 'scopes', 'roomId',
  'username', 'loginHint', 'state', 'code', 'token', 'kind', 'channelId', 'sellerId', 'applicationId', 'shopId', 'mailboxName',
  'challenge', // a login or enrolment challenge id (signin), looked up as it is
  'testMailReceipt', // a sealed test-mail receipt (src/app/outbound/testMailReceipts.ts), opened by the vault or refused
  'document', 'planId', // a configuration document (parsed and checked field by field) and the plan id it was planned under
  // secrets: write-only, never shown, checked by their consumer
  'password', 'currentPassword', 'newPassword', 'clientSecret', 'apiToken', 'privateKeyPem', 'channelSecret', 'channelAccessToken',
  'applicationSecret', 'serviceSecret', 'licenseKey',
  // render inputs of a query-like mutation, never stored
  'senderAddress', 'senderName', 'subject', 'messageId', 'internetMessageId',
]);
const FREE_TEXT = new Set(['name', 'newName', 'displayName', 'reason', 'user', 'clientId']);
/** Free-text fields not driven here, and why; the unit tests of their deciders cover the rule. */
const NOT_FUZZED: Readonly<Record<string, string>> = {
  'ExecuteMailboxResetInput.newName': 'a reset needs a two-step token; the mailbox decider validates it with the name rule',
  'ReceiveAccountFieldsInput.displayName': 'testReceiveAccount stores nothing; the receive-account decider validates it',
  'SendUnsavedTestMailInput.name': 'sendUnsavedTestMail stores nothing; it runs the AddSmtpServer decider rule fuzzed through ChangeSmtpServerInput',
  'SendUnsavedTestMailInput.user': 'sendUnsavedTestMail stores nothing; it runs the AddSmtpServer decider rule fuzzed through ChangeSmtpServerInput',
  'SendUnsavedRakutenTestMailInput.user': 'sendUnsavedRakutenTestMail stores nothing; same decider rule as ConfigureRakutenRelayInput.user',
};

const stringFieldsOfMutations = (): string[] => {
  const schema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));
  const out = new Set<string>();
  const visit = (type: GraphQLInputType, seen: Set<string>) => {
    const named = getNamedType(type);
    if (!isInputObjectType(named) || seen.has(named.name)) return;
    seen.add(named.name);
    for (const field of Object.values(named.getFields())) {
      let t: GraphQLInputType = field.type;
      while (isNonNullType(t) || isListType(t)) t = (t as { ofType: GraphQLInputType }).ofType;
      if (isScalarType(t) && t.name === 'String') out.add(`${named.name}.${field.name}`);
      else visit(field.type, seen);
    }
  };
  for (const mutation of Object.values(schema.getMutationType()!.getFields())) for (const arg of mutation.args) visit(arg.type, new Set());
  return [...out].sort();
};

describe('text fields of every mutation (issue 20)', () => {
  beforeAll(async () => {
    server = await startTestServer();
    const login = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($i: LoginInput!) { login(input: $i) { token } }', variables: { i: { username: 'admin', password: ADMIN_PASSWORD } } }),
    });
    token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    viewerId = ((await post('{ viewer { id } }', {})).viewer as { id: string }).id;
    dkimPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const first = async (name: string, inputType: string, selection: string, input: Record<string, unknown>, id: (p: Record<string, unknown>) => string) => {
      const payload = await mutate(name, inputType, selection, input);
      expect(payload.userErrors).toEqual([]);
      return id(payload);
    };
    ids.smtp = await first('addSmtpServer', 'AddSmtpServerInput', 'server { id }', { ...smtpServer(), password: 'secret-password' }, (p) => (p.server as { id: string }).id);
    ids.call = await first('addExternalCall', 'AddExternalCallInput', 'externalCall { id }', { mailboxNumber: 1, name: 'CRM', urlTemplate: 'https://crm.example.com/search?q={senderAddress}' }, (p) => (p.externalCall as { id: string }).id);
    ids.chat = await first('addChatDestination', 'AddChatDestinationInput', 'chatDestination { id }', { mailboxNumber: 1, kind: 'CHATWORK', name: 'Team room', apiToken: 'a'.repeat(32), roomId: '123', eventKinds: ['ACCOUNT_LOCKED'] }, (p) => (p.chatDestination as { id: string }).id);
    ids.oauth = await first('registerOAuthCredential', 'RegisterOAuthCredentialInput', 'credential { id }', { mailboxNumber: 1, provider: 'GOOGLE', displayName: 'Google', clientId: 'client-1', clientSecret: 'client-secret', redirectUrl: 'https://app.example.com/oauth/callback' }, (p) => (p.credential as { id: string }).id);
    ids.account = await first('addReceiveAccount', 'AddReceiveAccountInput', 'account { id }', { mailboxNumber: 1, displayName: 'Support', protocol: 'POP3', host: 'pop.example.com', port: 995, encryption: 'SSL_TLS', authMethod: 'PASSWORD', username: 'support', password: 'pop-password' }, (p) => (p.account as { id: string }).id);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('every String input of every mutation is classified, and every free-text one is fuzzed or excused', () => {
    const fuzzed = new Set(targets.map((t) => t.field));
    const unclassified = stringFieldsOfMutations().filter((f) => {
      const name = f.split('.')[1]!;
      if (STRUCTURED.has(name)) return false;
      return !(FREE_TEXT.has(name) && (fuzzed.has(f) || f in NOT_FUZZED || name === 'reason'));
    });
    expect(unclassified).toEqual([]);
  });

  it.each(targets.map((t) => [t.field, t] as const))('%s: refused with a userError and no event, or stored as its NFC trim', async (_field, target) => {
    const inputField = target.field.split('.')[1]!;
    const values = corpus(SEED + target.field.length * 7919 + inputField.charCodeAt(0), target.random ?? 60, target.stride ?? 1);
    let i = 0;
    for (const sent of values) {
      i++;
      const expected = expectationOf(sent, target.max, target.optional);
      const before = await head();
      const payload = await target.send(sent, i);
      const after = await head();
      const context = `${target.field} #${i} ${JSON.stringify(sent)}`;
      if (!expected.accepted) {
        expect(payload.userErrors.length, context).toBe(1);
        const [error] = payload.userErrors;
        expect({ path: error!.path, code: error!.code }, context).toEqual({ path: ['input', inputField], code: 'VALIDATION' });
        expect(REFUSED.test(error!.message), `${context}: message echoes a raw control: ${JSON.stringify(error!.message)}`).toBe(false);
        expect(after, `${context}: an event was appended on refusal`).toBe(before);
      } else {
        expect(payload.userErrors, context).toEqual([]);
        expect(await target.read(payload), context).toBe(expected.stored);
        // An unchanged value appends nothing; anything else appends.
        expect(after >= before, context).toBe(true);
      }
    }
  }, 240_000);
});
