// A customer's audit collector as its own process, for collectorStream.e2e.test.ts. Plain
// JavaScript on node:https so it shares no code with the server: it checks each batch's
// signature by the README's algorithm, hex HMAC-SHA256(secret, timestamp + "." + body),
// appends the batch to a file before answering, and, when told, kills itself with SIGKILL
// on a batch it has read but not acknowledged: the server sees the connection die mid-batch.
//
// argv: port certFile keyFile secret outFile n. On SIGUSR1 it answers n more batches and dies
// on the one after.
import { createHmac } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';

const [port, certFile, keyFile, secret, outFile, n] = process.argv.slice(2);
let limit = Infinity;
let answered = 0;
process.on('SIGUSR1', () => {
  limit = answered + Number(n);
});

const server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const expected = `sha256=${createHmac('sha256', secret).update(`${req.headers['x-mailroom-timestamp']}.${body}`).digest('hex')}`;
    const signed = req.headers['x-mailroom-signature'] === expected;
    appendFileSync(outFile, `${JSON.stringify({ signed, body })}\n`);
    if (answered >= limit) process.kill(process.pid, 'SIGKILL');
    answered += 1;
    res.writeHead(204).end();
  });
});
server.listen(Number(port), '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
