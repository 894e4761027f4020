import { afterEach, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/process/serverProcess.js';

/**
 * One SIGTERM (what `docker stop` sends) drains and exits 0. NODE_ENV=production matters:
 * Apollo Server installs its own SIGTERM handler outside NODE_ENV=test, which re-raised the
 * signal after stopping and so tripped the "second signal" path (exit 1, no drain).
 */
describe('shutdown on SIGTERM', () => {
  let server: ServerProcess | undefined;

  afterEach(async () => {
    await server?.kill();
  });

  it('handles a single SIGTERM once and exits 0', async () => {
    server = await startServerProcess({ name: 'shutdown', env: { NODE_ENV: 'production' } });
    await server.stop();
    expect(await server.exited).toBe(0);
    const messages = server.logs().map((record) => record.msg);
    expect(messages).toContain('shutting down: draining requests and subscriptions');
    expect(messages).not.toContain('second signal: exiting without waiting');
  }, 90_000);
});
