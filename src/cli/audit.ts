import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { Command, InvalidArgumentError, Option } from 'commander';
import { AuditLog, type AuditPoint } from '../app/audit/auditLog.js';
import { verifyStoreChain } from '../app/audit/chainVerification.js';
import { parseCheckpoint } from '../app/audit/checkpointFormat.js';
import { AuditEvidence } from '../app/audit/evidence.js';
import { exportHistory, type ExportFormat } from '../app/audit/historyExport.js';
import { verifyExportOffline } from '../app/audit/offlineVerifier.js';
import type { AuditSigningKey } from '../app/audit/signingKey.js';
import { migrateToLatest } from '../db/migrate.js';
import { mailboxEventsProjection, merkleTreeProjection } from '../projections/audit/index.js';
import type { Projection } from '../projections/projection.js';
import { ProjectionRunner } from '../projections/runner.js';
import type { Storage } from '../server/app.js';
import { configurationSections } from '../app/configurationSections.js';
import { createProgressLine } from './progress.js';

export interface AuditCliIo {
  readonly stdout: Writable;
  readonly stderr: NodeJS.WriteStream;
  /** Where a failed verification reports its exit status. @default sets process.exitCode */
  readonly setExitCode: (code: number) => void;
}

/** Exit status of `audit verify` when the chain is broken (1 stays for usage and runtime errors). */
export const EXIT_TAMPERED = 2;

const positiveInteger = (name: string) => (value: string): number => {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`Expected ${name} to be a positive integer, got ${JSON.stringify(value)}`);
  return Number(value);
};

/** `--from`/`--to`/`--at`: a global position (digits) or an ISO-8601 date-time. */
const pointArgument = (value: string): AuditPoint => {
  if (/^\d+$/.test(value)) return { position: Number(value) };
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new InvalidArgumentError(`Expected a position or an ISO-8601 date-time, got ${JSON.stringify(value)}`);
  return { at };
};

/**
 * The CLI reads the `mailbox_events` index, which the server keeps current. When no server
 * runs (the usual case for an offline audit) the index lags, and the CLI brings it up to
 * date itself rather than exporting a partial history.
 */
const catchUpAuditIndex = async (storage: Storage, projections: readonly Projection[] = [mailboxEventsProjection]): Promise<void> => {
  await migrateToLatest(storage.readModels.db);
  const runner = new ProjectionRunner({ store: storage.store, db: storage.readModels.db, projections });
  await runner.start();
  try {
    await runner.waitForPosition(await storage.store.headPosition(), 10 * 60_000);
  } finally {
    await runner.stop();
  }
};

const withStorage = async <T>(open: () => Promise<Storage>, run: (storage: Storage) => Promise<T>): Promise<T> => {
  const storage = await open();
  try {
    return await run(storage);
  } finally {
    await storage.close();
  }
};

/** Checkpoints over the storage, with the Merkle tree brought up to the head first (no server may be running). */
const evidenceOf = async (storage: Storage, key: AuditSigningKey): Promise<AuditEvidence> => {
  await catchUpAuditIndex(storage, [merkleTreeProjection()]);
  return new AuditEvidence({ store: storage.store, db: storage.readModels.db, key, waitForTree: async () => {} });
};

/** Lines of a file, or of stdin for `-`, read as a stream (an export may be larger than memory). */
const linesOf = (file: string): AsyncIterable<string> =>
  createInterface({ input: file === '-' ? process.stdin : createReadStream(file, 'utf8'), crlfDelay: Infinity });

/**
 * `mailroom audit export|verify|replay|checkpoint|checkpoints`; storage comes from `open`
 * and the signing key from `signingKey`, so tests run it against their own stores.
 */
export const auditCommand = (
  open: () => Promise<Storage>,
  io: AuditCliIo = { stdout: process.stdout, stderr: process.stderr, setExitCode: (code) => (process.exitCode = code) },
  signingKey: () => AuditSigningKey = () => {
    throw new Error('No audit signing key configured for this command');
  },
): Command => {
  const audit = new Command('audit').description('Settings history, time travel and tamper verification for auditors');

  audit
    .command('export')
    .description('Stream the settings history of a mailbox, with before/after values (secrets shown as "changed")')
    .requiredOption('--mailbox <number>', 'mailbox number', positiveInteger('--mailbox'))
    .option('--from <position|time>', 'first position or time (inclusive)', pointArgument)
    .option('--to <position|time>', 'last position or time (inclusive)', pointArgument)
    .addOption(new Option('--format <format>', 'output format').choices(['ndjson', 'csv']).default('ndjson'))
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (options: { mailbox: number; from?: AuditPoint; to?: AuditPoint; format: ExportFormat; out?: string }) => {
      await withStorage(open, async (storage) => {
        await catchUpAuditIndex(storage);
        const out = options.out ? createWriteStream(options.out) : io.stdout;
        const bar = createProgressLine(io.stderr);
        const count = await exportHistory(
          new AuditLog(storage.store, storage.readModels.db, { sections: configurationSections }),
          {
            mailboxNumber: options.mailbox,
            fromPosition: options.from?.position,
            from: options.from?.at,
            toPosition: options.to?.position,
            to: options.to?.at,
          },
          out,
          { format: options.format, onProgress: (done, total) => bar.update(done, total, 'events') },
        );
        if (options.out) {
          out.end();
          await finished(out);
        }
        bar.finish(`exported ${count} events of mailbox ${options.mailbox}${options.out ? ` to ${options.out}` : ''}`);
      });
    });

  audit
    .command('verify')
    .description(
      `Offline (--checkpoint, --public-key): verify a downloaded export against a checkpoint kept outside the server, without any database. ` +
        `Otherwise: recompute the hash chain of the event store. Exit status ${EXIT_TAMPERED} when anything does not verify`,
    )
    .option('--from <position>', 'first position (chain check)', positiveInteger('--from'))
    .option('--to <position>', 'last position (chain check)', positiveInteger('--to'))
    .option('--checkpoint <file>', 'a checkpoint JSON you kept (GET /audit/checkpoint, createAuditCheckpoint, audit checkpoint)')
    .option('--public-key <file>', 'the server\'s checkpoint public key, PEM (GET /audit/public-key)')
    .option('--history <file>', 'the export to verify (GET /audit/export), - for stdin', '-')
    .action(async (options: { from?: number; to?: number; checkpoint?: string; publicKey?: string; history: string }) => {
      if (options.checkpoint || options.publicKey) {
        if (!options.checkpoint || !options.publicKey) throw new InvalidArgumentError('Offline verification needs both --checkpoint and --public-key');
        const kept = parseCheckpoint(JSON.parse(readFileSync(options.checkpoint, 'utf8')));
        if (typeof kept === 'string') throw new InvalidArgumentError(`${options.checkpoint} is not a checkpoint: ${kept}`);
        const result = await verifyExportOffline(linesOf(options.history), kept, readFileSync(options.publicKey, 'utf8'));
        io.stdout.write(`${JSON.stringify(result)}\n`);
        if (result.ok) {
          io.stderr.write(`ok: ${result.eventsChecked} events verified; the log cut at position ${result.checkpoint!.position} extends the kept checkpoint (position ${kept.position})\n`);
        } else {
          io.stderr.write(`TAMPERED or not verifiable:\n  - ${result.problems.join('\n  - ')}\n`);
          io.setExitCode(EXIT_TAMPERED);
        }
        return;
      }
      await withStorage(open, async (storage) => {
        const bar = createProgressLine(io.stderr);
        const result = await verifyStoreChain(storage.store, {
          fromPosition: options.from,
          toPosition: options.to,
          onProgress: (done, total) => bar.update(done, total, 'events'),
        });
        if (result.ok) {
          bar.finish(`ok: ${result.eventsChecked} events verified (positions ${result.fromPosition}–${result.toPosition})`);
          io.stdout.write(`${JSON.stringify(result)}\n`);
        } else {
          bar.finish(`TAMPERED: first broken position ${result.firstBrokenPosition} (${result.reason})`);
          io.stdout.write(`${JSON.stringify(result)}\n`);
          io.setExitCode(EXIT_TAMPERED);
        }
      });
    });

  audit
    .command('replay')
    .description('Print the whole configuration of a mailbox as it was at a position or time (default: now)')
    .requiredOption('--mailbox <number>', 'mailbox number', positiveInteger('--mailbox'))
    .option('--at <position|time>', 'global position or ISO-8601 date-time', pointArgument)
    .action(async (options: { mailbox: number; at?: AuditPoint }) => {
      await withStorage(open, async (storage) => {
        await catchUpAuditIndex(storage);
        const configuration = await new AuditLog(storage.store, storage.readModels.db, { sections: configurationSections }).configurationAsOf(options.mailbox, options.at ?? {});
        io.stdout.write(`${JSON.stringify({ mailboxNumber: configuration.mailboxNumber, position: configuration.position, sections: configuration.sections }, null, 2)}\n`);
      });
    });

  audit
    .command('checkpoint')
    .description('Sign a checkpoint of the log at its head now and print it as JSON (keep it somewhere the server cannot write)')
    .action(async () => {
      await withStorage(open, async (storage) => {
        const evidence = await evidenceOf(storage, signingKey());
        io.stdout.write(`${JSON.stringify(await evidence.checkpoints.create())}\n`);
      });
    });

  audit
    .command('checkpoints')
    .description('List signed checkpoints, newest first, one JSON per line')
    .option('--limit <n>', 'how many', positiveInteger('--limit'), 20)
    .action(async (options: { limit: number }) => {
      await withStorage(open, async (storage) => {
        await migrateToLatest(storage.readModels.db);
        const evidence = new AuditEvidence({ store: storage.store, db: storage.readModels.db, key: signingKey(), waitForTree: async () => {} });
        for (const c of await evidence.checkpoints.list({ limit: options.limit })) io.stdout.write(`${JSON.stringify(c)}\n`);
      });
    });

  return audit;
};
