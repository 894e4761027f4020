import { Command } from 'commander';
import { migrateToLatest } from '../db/migrate.js';
import { allProjections } from '../projections/all.js';
import { ProjectionRunner } from '../projections/runner.js';
import { openStorage } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { loadAuditSigningKey } from '../app/audit/signingKey.js';
import { auditCommand } from './audit.js';
import { registerAdminCommands } from './admin.js';
import { createProgressLine } from './progress.js';
import { projectionLeadership } from '../server/projectionLeadership.js';
import { storeCommand } from './storeCopy.js';
import { watchSettings } from './watch.js';
import { addExamples } from './examples.js';
import { configCommand } from './config.js';
import { dkimCommand } from './dkim.js';

/** The whole `mailroom` command tree (main.ts parses argv with it; a test walks it). */
export const buildProgram = (): Command => {
  const program = new Command()
    .name('mailroom')
    .description('Mailroom operations: migrations and read-model projections. Storage is chosen by the same environment as the server (MAILROOM_DATA_DIR, DATABASE_URL).');

  program
    .command('migrate')
    .description('Apply pending read-model migrations')
    .action(async () => {
      const storage = await openStorage(loadConfig());
      try {
        const report = await migrateToLatest(storage.readModels.db);
        console.log(report.executed.length ? `applied: ${report.executed.join(', ')}` : 'read models are up to date');
      } finally {
        await storage.close();
      }
    });

  const projections = program.command('projections').description('Read-model projections');

  projections
    .command('rebuild')
    .argument('[names...]', `projections to rebuild (default: all): ${allProjections.map((p) => p.name).join(', ')}`)
    .description('Empty the read models and replay every event from position 1. Stop the server first (with PostgreSQL, the rebuild waits until no server leads these projections).')
    .action(async (names: string[]) => {
      const config = loadConfig();
      const storage = await openStorage(config);
      try {
        await migrateToLatest(storage.readModels.db);
        const runner = new ProjectionRunner({ store: storage.store, db: storage.readModels.db, projections: allProjections, ...projectionLeadership(config) });
        const bar = createProgressLine();
        const onWaiting = (held: readonly string[]) =>
          console.error(`waiting: a running server leads ${held.join(', ')}; stop the server(s) and the rebuild starts (Ctrl-C to give up)`);
        const result = await runner.rebuild(names.length ? names : undefined, (p) => bar.update(p.position, p.head, `${Math.round(p.eventsPerSecond)} events/s`), { onWaiting });
        bar.finish(`rebuilt ${names.length ? names.join(', ') : 'all projections'}: ${result.events} events in ${(result.elapsedMs / 1000).toFixed(1)} s (${Math.round(result.eventsPerSecond)} events/s)`);
      } finally {
        await storage.close();
      }
    });

  projections
    .command('status')
    .description('Checkpoint and lag of every projection')
    .action(async () => {
      const storage = await openStorage(loadConfig());
      try {
        await migrateToLatest(storage.readModels.db);
        const runner = new ProjectionRunner({ store: storage.store, db: storage.readModels.db, projections: allProjections });
        const status = await runner.status();
        console.log(`store head: ${status.head}`);
        for (const p of status.projections) console.log(`${p.name.padEnd(32)} position ${String(p.position).padStart(10)}  lag ${p.lag}`);
      } finally {
        await storage.close();
      }
    });

  program
    .command('watch')
    .argument('<mailbox>', 'mailbox number')
    .option('--url <url>', 'GraphQL WebSocket URL', process.env.MAILROOM_WS_URL ?? `ws://127.0.0.1:${process.env.PORT ?? 4000}/graphql`)
    .description('Print the live setting events of a mailbox as JSON lines (token from MAILROOM_TOKEN)')
    .action(async (mailbox: string, options: { url: string }) => {
      const token = process.env.MAILROOM_TOKEN;
      if (!token) throw new Error('Set MAILROOM_TOKEN to a session or API token (mutation login or issueApiToken)');
      await watchSettings(options.url, token, Number(mailbox));
    });

  program.addCommand(
    auditCommand(() => openStorage(loadConfig()), undefined, () => {
      const config = loadConfig();
      return loadAuditSigningKey({ envValue: config.audit.signingKey, dataDir: config.dataDir });
    }),
  );

  registerAdminCommands(program);

  program.addCommand(dkimCommand(() => loadConfig()));

  program.addCommand(storeCommand());

  program.addCommand(configCommand());

  addExamples(program);
  return program;
};
