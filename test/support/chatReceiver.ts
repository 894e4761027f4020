import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** How the receiver answers request number `index` (0-based); `null` drops the connection unanswered. */
export type Answer = (request: ReceivedRequest, index: number) => Promise<{ status: number; body?: string; headers?: Record<string, string> } | null> | { status: number; body?: string; headers?: Record<string, string> } | null;

export interface ChatReceiver {
  readonly port: number;
  readonly url: string;
  /** Every request received, answered or not. */
  readonly requests: ReceivedRequest[];
  /** Requests answered with a 2xx: what the provider accepted. */
  readonly accepted: ReceivedRequest[];
  answer: Answer;
  next(timeoutMs?: number): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

/** A local HTTP server standing in for Slack, Chatwork or Teams (127.0.0.1, port 0 unless given). */
export const startChatReceiver = async (options: { port?: number; answer?: Answer } = {}): Promise<ChatReceiver> => {
  const requests: ReceivedRequest[] = [];
  const accepted: ReceivedRequest[] = [];
  const waiters: ((r: ReceivedRequest) => void)[] = [];
  let seen = 0;
  const receiver = {
    answer: options.answer ?? (() => ({ status: 200, body: 'ok' })),
  } as { answer: Answer };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      const index = seen++;
      void Promise.resolve(receiver.answer(request, index)).then((answer) => {
        if (answer === null) {
          req.socket.destroy();
        } else {
          if (answer.status >= 200 && answer.status < 300) accepted.push(request);
          res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers }).end(answer.body ?? '');
        }
        waiters.shift()?.(request);
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return Object.assign(receiver, {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted,
    next: (timeoutMs = 10_000) =>
      new Promise<ReceivedRequest>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no request within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((r) => (clearTimeout(t), resolve(r)));
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
};
