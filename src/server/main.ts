import 'reflect-metadata';
import { startApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

const printOnce = (username: string, password: string): void => {
  // Printed to the terminal exactly once, never through the logger: logs are shipped
  // and kept, a first-run password must not be.
  process.stdout.write(
    [
      '',
      '  Mailroom created its first administrator.',
      `    username: ${username}`,
      `    password: ${password}`,
      '  It is shown only this once. Log in and change it (mutation changePassword).',
      '',
    ].join('\n') + '\n',
  );
};

const main = async (): Promise<void> => {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  const app = await startApp(config, logger);

  let signals = 0;
  const shutdown = (signal: string) => {
    signals++;
    if (signals > 1) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    logger.info({ signal }, 'shutting down: draining requests and subscriptions');
    const force = setTimeout(() => {
      logger.error({ graceMs: config.shutdownGraceMs }, 'shutdown grace period exceeded; exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    force.unref();
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Announced only once the handlers are in place: a supervisor that stops the server as
  // soon as it reads this line must get the drain, not the default action of the signal.
  if (app.generatedAdminPassword) printOnce('admin', app.generatedAdminPassword);
  process.stdout.write(`Mailroom is ready: ${app.url} (WebSocket ${app.wsUrl})\n`);
};

main().catch((err: unknown) => {
  process.stderr.write(`Mailroom failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
