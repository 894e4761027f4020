/**
 * The baseline of the subscription bench: a bare `ws` + graphql-ws server with an
 * in-memory pubsub, as a tutorial would write it. `POST /publish` publishes one event of
 * the same shape Mailroom's `settingsChanged` delivers and answers once it is published.
 * Prints `bare ready <port>`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

const schema = buildSchema(`
  type User { username: String! }
  type SettingEvent { position: Int! type: String! mailboxNumber: Int actorId: ID reason: String correlationId: String! actor: User }
  type Query { ok: Boolean }
  type Subscription { settingsChanged(mailboxNumber: Int!): SettingEvent }
`);

type Event = Record<string, unknown>;
const listeners = new Set<(e: Event) => void>();

/** One async iterator per subscriber, the usual in-memory pubsub. */
const listen = (): AsyncIterableIterator<Event> => {
  const queue: Event[] = [];
  let waiting: ((r: IteratorResult<Event>) => void) | null = null;
  const push = (e: Event) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w({ value: e, done: false });
    } else queue.push(e);
  };
  listeners.add(push);
  const it: AsyncIterableIterator<Event> = {
    next: () => (queue.length ? Promise.resolve({ value: queue.shift()!, done: false }) : new Promise((r) => (waiting = r))),
    return: () => {
      listeners.delete(push);
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]: () => it,
  };
  return it;
};

const roots = {
  settingsChanged: (_args: unknown) => {
    const it = listen();
    // graphql-js resolves subscription fields from the root; map each event to { settingsChanged }.
    return {
      next: async () => {
        const r = await it.next();
        return r.done ? r : { value: { settingsChanged: r.value }, done: false };
      },
      return: () => it.return!(),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  },
};

let position = 0;
const http = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/publish') return void res.writeHead(404).end();
  let body = '';
  req.on('data', (c: Buffer) => (body += c));
  req.on('end', () => {
    const { reason } = JSON.parse(body) as { reason: string };
    const event = { position: ++position, type: 'MailboxRenamed', mailboxNumber: 1, actorId: 'u1', reason, correlationId: `c${position}`, actor: { username: 'admin' } };
    for (const l of listeners) l(event);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
const wss = new WebSocketServer({ server: http, path: '/graphql' });
useServer({ schema, roots: { subscription: roots } as never }, wss);
http.listen(0, '127.0.0.1', () => process.stdout.write(`bare ready ${(http.address() as AddressInfo).port}\n`));
