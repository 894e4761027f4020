/**
 * The example session a frontend team would write first: log in, ask who we are, show a
 * userError, rename a mailbox and see that change arrive on a subscription.
 *
 *   MAILROOM_URL=http://localhost:4000/graphql MAILROOM_USERNAME=admin MAILROOM_PASSWORD=… \
 *     npm run example:client
 */
import WebSocket from 'ws';
import {
  ExampleLoginDocument,
  ExampleRenameMailboxDocument,
  ExampleSettingsChangedDocument,
  ExampleViewerDocument,
} from './generated/graphql.js';
import { MailroomClient } from './mailroomClient.js';

export interface ExampleOptions {
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly mailboxNumber: number;
  /** @default "Support", or "Sales" when the mailbox is already called "Support" */
  readonly newName?: string;
  readonly log?: (line: string) => void;
}

export const runExample = async (o: ExampleOptions): Promise<{ renamedTo: string; eventType: string }> => {
  const log = o.log ?? console.log;
  const client = new MailroomClient({ url: o.url, webSocketImpl: WebSocket });
  try {
    // 1. Log in. A wrong password is a userError (a value), not an exception.
    const { login } = await client.request(ExampleLoginDocument, { input: { username: o.username, password: o.password } });
    if (!login.token) throw new Error(`login refused: ${login.userErrors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
    client.useToken(login.token);
    log(`logged in; the session ends at ${login.expiresAt ?? '?'}`);

    // 2. A query: the viewer and the mailboxes it can see.
    const { viewer } = await client.request(ExampleViewerDocument, {});
    for (const m of viewer?.memberships ?? []) log(`mailbox ${m.mailbox.number} "${m.mailbox.name}": ${m.roles.join(', ')}`);
    // A rename to the name it already has is accepted but appends no event, so the
    // subscription below would wait for nothing (the README's first session ends on "Support").
    const current = viewer?.memberships.find((m) => m.mailbox.number === o.mailboxNumber)?.mailbox.name;
    const newName = o.newName ?? (current === 'Support' ? 'Sales' : 'Support');
    if (newName === current) throw new Error(`mailbox ${o.mailboxNumber} is already called "${current}": choose another name (MAILROOM_NEW_NAME)`);

    // 3. Subscribe to the mailbox's setting events before changing anything.
    const connected = client.connected();
    const event = new Promise<string>((resolve, reject) => {
      const stop = client.subscribe(ExampleSettingsChangedDocument, { mailboxNumber: o.mailboxNumber }, {
        onData: ({ settingsChanged }) => {
          const changes = settingsChanged.changes.map((c) => `${c.field}: ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`);
          log(`event ${settingsChanged.position} ${settingsChanged.type} by ${settingsChanged.actor?.username ?? 'the server'}: ${changes.join(', ')}`);
          stop();
          resolve(settingsChanged.type);
        },
        onError: reject,
      });
    });
    // The event is awaited at the end; marked handled, an early subscription error is not
    // reported as unhandled meanwhile. The socket must be up (token accepted) before we go on.
    event.catch(() => undefined);
    await connected;

    // 4. A mutation refused with a userError: the field path, a stable code and a message.
    const refused = await client.request(ExampleRenameMailboxDocument, { input: { number: o.mailboxNumber, name: '' } });
    for (const e of refused.renameMailbox.userErrors) log(`refused as expected: ${e.path.join('.')} ${e.code}: ${e.message}`);

    // 5. The same mutation accepted; the subscription above sees the event.
    // graphql-ws does not acknowledge a subscribe: the socket is connected (above) and the
    // subscription was sent right after; give the server a moment more to register it.
    await new Promise((r) => setTimeout(r, 200));
    const renamed = await client.request(ExampleRenameMailboxDocument, {
      input: { number: o.mailboxNumber, name: newName, reason: 'example client' },
    });
    if (renamed.renameMailbox.userErrors.length) throw new Error(renamed.renameMailbox.userErrors[0]!.message);
    log(`renamed to "${renamed.renameMailbox.mailbox?.name}"`);
    const eventType = await event;
    return { renamedTo: renamed.renameMailbox.mailbox?.name ?? '', eventType };
  } finally {
    await client.close();
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = (name: string, fallback?: string): string => {
    const v = process.env[name] ?? fallback;
    if (v === undefined) throw new Error(`set ${name}`);
    return v;
  };
  runExample({
    url: env('MAILROOM_URL', 'http://localhost:4000/graphql'),
    username: env('MAILROOM_USERNAME', 'admin'),
    password: env('MAILROOM_PASSWORD'),
    mailboxNumber: Number(env('MAILROOM_MAILBOX', '1')),
    ...(process.env.MAILROOM_NEW_NAME ? { newName: process.env.MAILROOM_NEW_NAME } : {}),
  }).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
