/**
 * The subscription bench's writer: a child process of its own that makes the changes
 * (Mailroom's `renameMailbox`, the bare server's `/publish`) and times them. A real writer
 * is another client, not the process holding 2,000 WebSockets: measured from the bench
 * process, the writer's latency would include that process's GC and event-loop delay.
 *
 * Talks to the bench over the fork IPC channel: one `WriteRequest` in, one `WriteAnswer`
 * out. Times are `clock()` (CLOCK_MONOTONIC, the same for every process on the machine), so
 * the bench measures delivery from the moment this process got the answer.
 */
import { Agent } from 'node:http';
import { postJson } from '../support/postJson.js';
import { clock, type WriteAnswer, type WriteRequest } from './writerProtocol.js';

// One keep-alive connection per server, as a client application would hold.
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

const post = (url: string, body: string, token?: string): Promise<string> => postJson(agent, new URL(url), body, token);

const RENAME = 'mutation($i: RenameMailboxInput!) { renameMailbox(input: $i) { userErrors { message } } }';

const write = async (job: WriteRequest): Promise<WriteAnswer> => {
  const body =
    job.kind === 'publish'
      ? JSON.stringify({ reason: job.reason })
      : JSON.stringify({ query: RENAME, variables: { i: { number: job.mailboxNumber, name: job.name, reason: job.reason } } });
  const sent = clock();
  const text = await post(job.url, body, job.token);
  const answered = clock();
  if (job.kind === 'rename') {
    const r = JSON.parse(text) as { errors?: unknown; data?: { renameMailbox?: { userErrors: unknown[] } } };
    if (r.errors || !r.data?.renameMailbox || r.data.renameMailbox.userErrors.length > 0) return { id: job.id, sent, answered, error: text.slice(0, 2000) };
  }
  return { id: job.id, sent, answered };
};

process.on('message', (job: WriteRequest) => {
  write(job).then(
    (answer) => process.send!(answer),
    (err: unknown) => process.send!({ id: job.id, sent: NaN, answered: NaN, error: String(err) } satisfies WriteAnswer),
  );
});
// The bench closes the channel when it is done; nothing else keeps this process.
process.on('disconnect', () => process.exit(0));
