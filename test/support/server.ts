import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startApp, type App } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createLogger, type Logger } from '../../src/server/logger.js';
import { createTestSchema } from './postgres.js';

export const ADMIN_PASSWORD = 'admin-password-for-tests';

export interface TestServer {
  readonly app: App;
  readonly url: string;
  readonly wsUrl: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** The real server (HTTP + WebSocket) on a free loopback port, on SQLite in a temp dir or on a fresh Postgres schema. */
export const startTestServer = async (
  options: {
    storage?: 'sqlite' | 'postgres';
    env?: Record<string, string>;
    /** @default a logger at the config's level (`silent` unless `env.LOG_LEVEL`) on stdout */
    logger?: Logger;
    /** Reuse a data dir (e.g. to restart on the same SQLite files); it is then left in place on stop. */
    dataDir?: string;
  } = {},
): Promise<TestServer> => {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mailroom-e2e-'));
  const pg = options.storage === 'postgres' ? await createTestSchema() : null;
  const config = loadConfig({
    MAILROOM_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    MAILROOM_ADMIN_PASSWORD: ADMIN_PASSWORD,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    // The test peers (Dovecot, SMTP sinks, OAuth and chat receivers) listen on 127.0.0.1;
    // the egress tests set their own (empty) allowance through `env`.
    MAILROOM_EGRESS_ALLOW: '127.0.0.0/8,::1',
    // Tests that exercise the fetch scheduler turn it on through `env`.
    MAILROOM_FETCH_ENABLED: 'false',
    ...(pg ? { DATABASE_URL: pg.url } : {}),
    ...options.env,
  });
  const app = await startApp(config, options.logger ?? createLogger(config.logLevel));
  return {
    app,
    url: app.url,
    wsUrl: app.wsUrl,
    dataDir,
    stop: async () => {
      await app.stop();
      await pg?.drop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

export interface GraphQLResponse<R> {
  readonly status: number;
  readonly data?: R | null;
  readonly errors?: readonly { message: string; extensions?: { code?: string } }[];
}

/** A typed GraphQL-over-HTTP client, as a frontend would use the generated documents. */
export const gql = async <R, V>(
  url: string,
  document: TypedDocumentNode<R, V>,
  variables: V,
  options: { token?: string | null; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<R>> => {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await res.json()) as ExecutionResult<R>;
  return { status: res.status, data: body.data, errors: body.errors as GraphQLResponse<R>['errors'] };
};

export const wsClient = (wsUrl: string, token: string | null): Client =>
  createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });

/**
 * A subscription whose messages are queued, so a test never misses one between awaits
 * (the graphql-ws test style).
 */
export const subscribeQueued = <R, V>(client: Client, document: TypedDocumentNode<R, V>, variables: V) => {
  const queue: ExecutionResult<R>[] = [];
  let waiter: (() => void) | null = null;
  let error: unknown = null;
  let completed = false;
  const wake = () => {
    waiter?.();
    waiter = null;
  };
  const dispose = client.subscribe<R>(
    { query: print(document), variables: variables as Record<string, unknown> },
    {
      next: (v) => {
        queue.push(v as ExecutionResult<R>);
        wake();
      },
      error: (e) => {
        error = e;
        wake();
      },
      complete: () => {
        completed = true;
        wake();
      },
    },
  );
  const next = async (timeoutMs = 5000): Promise<ExecutionResult<R>> => {
    const deadline = Date.now() + timeoutMs;
    while (queue.length === 0) {
      if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
      if (completed) throw new Error('Subscription completed');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No subscription message within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        waiter = resolve;
        setTimeout(resolve, left);
      });
    }
    return queue.shift()!;
  };
  return {
    next,
    /** Messages received so far and not taken. */
    pending: () => queue.length,
    error: () => error,
    completed: () => completed,
    dispose,
  };
};
