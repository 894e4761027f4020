import { Command, InvalidArgumentError } from 'commander';
import { copyStore, type CopySummary } from '../storeCopy/copyStore.js';
import { describeLocation, parseStoreUrl, type StoreLocation } from '../storeCopy/storeUrl.js';
import { createProgressLine } from './progress.js';

export interface StoreCliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream;
  /** Ctrl-C stops the copy after the batch in flight; tests pass their own signal. @default SIGINT/SIGTERM */
  readonly signal?: AbortSignal;
  /** @default sets process.exitCode */
  readonly setExitCode?: (code: number) => void;
}

/** Exit status of an interrupted copy, as a shell reports a SIGINT-ed command. */
export const EXIT_INTERRUPTED = 130;

const storeUrl = (field: string) => (value: string): StoreLocation => {
  try {
    return parseStoreUrl(value, field);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
};

const positiveInteger = (name: string) => (value: string): number => {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`Expected ${name} to be a positive integer, got ${JSON.stringify(value)}`);
  return Number(value);
};

const HELP_AFTER = `
URLs:
  sqlite:<data dir>            the server's MAILROOM_DATA_DIR (events.sqlite inside it)
  sqlite:<path>.sqlite         an event store file
  postgres://… postgresql://…  DATABASE_URL (a schema via ?options=-c%20search_path%3D<schema>)
  kurrentdb://… esdb://…       KURRENTDB_CONNECTION_STRING (also pass --*-read-models)

Stop the server on the source first. The target must be empty, or a partial copy of the
same source (an interrupted run): the command then checks the copied events and resumes.
Events keep their ids, streams, revisions, recording times and hashes; the target's whole
chain is verified at the end (as \`mailroom audit verify\` does).

Projection read models are not copied: the server started on the target applies its
migrations and rebuilds every projection from the events. What is in no event is copied
from the source's read models after the events: the vault's data keys (still wrapped by
the master key: start the target server with the same MAILROOM_MASTER_KEY, or the source
data dir's master.key, which is copied along between SQLite data dirs), stored messages
with their raw bytes, the fetchers' UIDVALIDITY and seen UIDs/UIDLs (no mail is imported
twice), fetch status, OAuth access tokens (as ciphertext) and the notice outbox. Rows the
target already has are kept, so a re-run copies only what is missing. Sessions, fetch
leases and login rate limits are dropped: users log in again.`;

/** `mailroom store copy`; `io` lets tests run it in-process. */
export const storeCommand = (io: StoreCliIo = { stdout: process.stdout, stderr: process.stderr }): Command => {
  const store = new Command('store').description('Event store maintenance');
  store
    .command('copy')
    .description('Copy every event to another (empty) event store, e.g. from SQLite to PostgreSQL or KurrentDB, hashes intact')
    .requiredOption('--from <url>', 'source store URL', storeUrl('--from'))
    .requiredOption('--to <url>', 'target store URL', storeUrl('--to'))
    .option('--from-read-models <url>', 'PostgreSQL URL of the source read models (needed when the source is KurrentDB)')
    .option('--to-read-models <url>', 'PostgreSQL URL of the target read models (needed when the target is KurrentDB)')
    .option('--batch-size <n>', 'events per read and per target transaction', positiveInteger('--batch-size'), 2000)
    .option('--limit <n>', 'copy at most this many events in this run (the rest on a later run)', positiveInteger('--limit'))
    .addHelpText('after', HELP_AFTER)
    .action(async (options: { from: StoreLocation; to: StoreLocation; fromReadModels?: string; toReadModels?: string; batchSize: number; limit?: number }) => {
      const summary = await runStoreCopy(options, io);
      if (summary.status === 'partial' && (io.signal ?? interruptSignal).aborted) {
        (io.setExitCode ?? ((code) => (process.exitCode = code)))(EXIT_INTERRUPTED);
      }
    });
  return store;
};

/** Aborted on the first Ctrl-C (the second one kills the process as usual). */
const interruptController = new AbortController();
const interruptSignal = interruptController.signal;
const listenForInterrupt = (): (() => void) => {
  const onSignal = () => interruptController.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
};

/** Rows per operational table: in the source, and added to the target by this run. */
const stateLines = (summary: CopySummary): string =>
  (summary.operationalState?.tables ?? []).map((t) => `${t.table}: ${t.rows} rows in the source, ${t.inserted} added to the target\n`).join('');

export const runStoreCopy = async (
  options: { from: StoreLocation; to: StoreLocation; fromReadModels?: string; toReadModels?: string; batchSize?: number; limit?: number },
  io: StoreCliIo,
): Promise<CopySummary> => {
  const bar = createProgressLine(io.stderr);
  const stopListening = io.signal ? () => {} : listenForInterrupt();
  const labels = { compare: 'checking the partial copy', copy: 'copying', verify: 'verifying the target', state: 'copying' } as const;
  io.stderr.write(`copying ${describeLocation(options.from)} -> ${describeLocation(options.to)}\n`);
  let summary: CopySummary;
  try {
    summary = await copyStore({
      ...options,
      signal: io.signal ?? interruptSignal,
      onProgress: (p) =>
        bar.update(p.done, p.total, p.phase === 'state' ? `copying ${p.table} ${Math.round(p.eventsPerSecond)} rows/s` : `${labels[p.phase]} ${Math.round(p.eventsPerSecond)} events/s`),
    });
  } catch (err) {
    bar.finish('copy FAILED');
    throw err;
  } finally {
    stopListening();
  }
  const rate = `${summary.copied} events in ${(summary.elapsedMs / 1000).toFixed(1)} s (${Math.round(summary.eventsPerSecond)} events/s)`;
  const resumed = summary.resumedAfter > 0 ? `, resumed after position ${summary.resumedAfter}` : '';
  if (summary.status === 'partial' && summary.operationalState) {
    bar.finish(`PARTIAL copy: all ${summary.targetHead} events copied and verified, the operational state was interrupted. Run the same command again to continue.`);
    io.stdout.write(stateLines(summary));
  } else if (summary.status === 'partial') {
    bar.finish(`PARTIAL copy: ${rate}${resumed}; target at position ${summary.targetHead} of ${summary.sourceHead}. Run the same command again to continue.`);
  } else {
    const keys = summary.dataKeys!;
    bar.finish(`copied ${rate}${resumed}; target verified: ${summary.targetHead} events, last hash ${summary.lastHash}`);
    io.stdout.write(
      `data keys: ${keys.keys} in the source, ${keys.inserted} added to the target` +
        (keys.masterKeyFile ? `; master key copied to ${keys.masterKeyFile}` : '; start the target server with the same master key (MAILROOM_MASTER_KEY or master.key)') +
        '\n' +
        stateLines(summary) +
        'projection read models were not copied: the server on the target rebuilds them from the events when it starts; sessions were dropped (users log in again)\n',
    );
  }
  io.stdout.write(`${JSON.stringify({ ...summary, dataKeys: summary.dataKeys ?? undefined })}\n`);
  return summary;
};
