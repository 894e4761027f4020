import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { benchPostgres } from './postgresBench.js';
import { benchSqlite } from './sqliteBench.js';
import { printResults, WORKLOAD } from './workload.js';

/**
 * Event store throughput next to the raw driver doing the same INSERTs / SELECTs, so the
 * cost of the adapter's guarantees (idempotency, expected revision, hash chain, global
 * serialisation) is visible as a ratio. Prints figures; never asserts timings.
 *
 * `npm run bench` (builds first). PostgreSQL from BENCH_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/test (as the tests); skipped with a message when unreachable.
 */
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const postgresReachable = async (): Promise<string | null> => {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
};

const main = async () => {
  console.log(
    `event store bench: ${new Date().toISOString()}, node ${process.version}, ${cpus().length} cpu(s) ${cpus()[0]?.model ?? ''}`,
  );
  console.log(
    `workload: ${WORKLOAD.singleAppends} appends of 1 event, ${WORKLOAD.batchAppends} appends of ${WORKLOAD.batchSize}, ` +
      `readAll x${WORKLOAD.readRounds} in pages of ${WORKLOAD.readPage}; ${WORKLOAD.streams} streams; one append in flight; ` +
      `ratio = median over interleaved rounds`,
  );
  const dir = await mkdtemp(join(tmpdir(), 'mailroom-bench-'));
  try {
    printResults('sqlite', await benchSqlite(dir, 'FULL'));
    printResults('sqlite*', await benchSqlite(dir, 'NORMAL'));
    console.log('          (* synchronous=NORMAL: no fsync per commit, so the CPU cost of the adapter shows)');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const unreachable = await postgresReachable();
  if (unreachable) {
    console.log(`postgres  skipped: cannot connect to ${pgUrl}: ${unreachable}`);
    return;
  }
  printResults('postgres', await benchPostgres(pgUrl));
};

await main();
