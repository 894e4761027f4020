/**
 * Real server processes for the multi-instance tests: `src/server/main.ts` run by the
 * same Node binary as the tests, through the SWC hooks in `swcHooks.mjs`, so no build is
 * needed and a process can be killed for real (SIGKILL leaves no chance to clean up,
 * which is the point of the lease and leader takeover tests).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LoginDocument } from '../../generated/graphql.js';
import { ADMIN_PASSWORD, gql } from '../server.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const HOOKS = join(here, 'swcHooks.mjs');
const MAIN = join(repoRoot, 'src/server/main.ts');

export interface ServerProcess {
  readonly name: string;
  readonly url: string;
  readonly wsUrl: string;
  readonly pid: number;
  /** Every line the process wrote to stdout and stderr so far (pino JSON and plain lines). */
  readonly output: readonly string[];
  /** Parsed pino records of `output`. */
  logs(): Record<string, unknown>[];
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** SIGKILL: no shutdown hooks run, leases and advisory locks are left to expire or drop. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  readonly name: string;
  /** Environment on top of a test base (loopback, port 0, test admin password, fetch off). */
  readonly env: Record<string, string>;
  /** @default 60 s; the first start compiles every module with SWC. */
  readonly startTimeoutMs?: number;
}

const READY = /Mailroom is ready: (http:\/\/\S+) \(WebSocket (ws:\/\/\S+)\)/;

export const startServerProcess = (options: ServerProcessOptions): Promise<ServerProcess> => {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    MAILROOM_DATA_DIR: mkdtempSync(join(tmpdir(), `mailroom-${options.name}-`)),
    PORT: '0',
    HOST: '127.0.0.1',
    MAILROOM_ADMIN_PASSWORD: ADMIN_PASSWORD,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    MAILROOM_FETCH_ENABLED: 'false',
    // The test peers (Dovecot, SMTP sinks, chat receivers) listen on loopback, which the
    // egress policy refuses by default; startTestServer allows it the same way.
    MAILROOM_EGRESS_ALLOW: '127.0.0.0/8,::1',
    ...options.env,
  };
  const child: ChildProcess = spawn(process.execPath, ['--import', HOOKS, MAIN], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | string>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit(code ?? signal ?? 'unknown'));
  });

  return new Promise<ServerProcess>((resolveStart, rejectStart) => {
    const timeout = setTimeout(() => {
      child.kill('SIGKILL');
      rejectStart(new Error(`${options.name} did not become ready in time:\n${output.slice(-30).join('\n')}`));
    }, options.startTimeoutMs ?? 60_000);
    let started = false;
    const onLine = (line: string) => {
      if (line.length === 0) return;
      output.push(line);
      const ready = started ? null : READY.exec(line);
      if (!ready) return;
      started = true;
      clearTimeout(timeout);
      resolveStart({
        name: options.name,
        url: ready[1]!,
        wsUrl: ready[2]!,
        pid: child.pid!,
        output,
        exited,
        logs: () =>
          output.flatMap((l) => {
            if (!l.startsWith('{')) return [];
            try {
              return [JSON.parse(l) as Record<string, unknown>];
            } catch {
              return [];
            }
          }),
        kill: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    for (const stream of [child.stdout!, child.stderr!]) {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines) onLine(line);
      });
    }
    void exited.then((code) => {
      if (started) return;
      clearTimeout(timeout);
      rejectStart(new Error(`${options.name} exited (${code}) before it was ready:\n${output.slice(-30).join('\n')}`));
    });
  });
};

/** Logs in as the administrator every test process bootstraps with; returns the session token. */
export const loginAdmin = async (server: Pick<ServerProcess, 'name' | 'url'>): Promise<string> => {
  const res = await gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } });
  const token = res.data?.login.token;
  if (!token) throw new Error(`login on ${server.name} failed: ${JSON.stringify(res.errors)}`);
  return token;
};

/**
 * Polls `probe` until it returns something truthy, and returns that: another process's
 * logs, metrics and rows can only be watched, not awaited.
 */
export const waitFor = async <T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 60_000,
  diagnostics?: () => string,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${diagnostics ? `\n${diagnostics()}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
