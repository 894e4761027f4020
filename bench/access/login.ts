/**
 * Login cost with two-factor: the two-step login (password → challenge, then a TOTP code →
 * session) against the one-step login (password → session) in the same run, on the real
 * server (startApp, SQLite in a temp dir) over HTTP. Both pay one argon2id verification, so
 * the ratio shows what the second round trip, the challenge and the TOTP check (vault
 * decryption, replay step) add. Samples alternate one-step and two-step, so load drift on a
 * shared machine hits both alike.
 *
 * A TOTP code is accepted once per user and step (replay protection), so each sample uses
 * its own enrolled user: BENCH_USERS users per kind (default 30).
 *
 *   npm run bench:login
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { base32Decode, hotp, totpStep, TOTP_STEP_SECONDS } from '../../src/domain/identity/totp.js';
import { startApp, type App } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { benchServerEnv } from '../support/serverEnv.js';

const USERS = Number(process.env.BENCH_USERS ?? 30);
const ADMIN_PASSWORD = 'bench-admin-password';

const call = async (url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Record<string, any>> => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown };
  if (!body.data) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body)}`);
  return body.data;
};

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { token secondFactor { challenge step } userErrors { code message } } }';
const COMPLETE = 'mutation($input: CompleteLoginInput!) { completeLogin(input: $input) { token userErrors { code message } } }';
const CREATE = 'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code message } } }';
const BEGIN = 'mutation { beginTwoFactorEnrolment { secret userErrors { code message } } }';
const CONFIRM = 'mutation($input: ConfirmTwoFactorEnrolmentInput!) { confirmTwoFactorEnrolment(input: $input) { userErrors { code message } } }';

const code = (secret: string, offset: number): string => hotp(base32Decode(secret)!, totpStep(Date.now()) + offset);
/** Keeps a confirm-then-login pair inside one 30 s step (the login code is one step ahead of the confirming one). */
const awayFromStepEdge = async (marginMs = 3000) => {
  const left = TOTP_STEP_SECONDS * 1000 - (Date.now() % (TOTP_STEP_SECONDS * 1000));
  if (left < marginMs) await new Promise((r) => setTimeout(r, left + 50));
};

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, mean: s.reduce((a, b) => a + b, 0) / s.length, p90: s[Math.floor(s.length * 0.9)]! };
};

const main = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-bench-login-'));
  const env = benchServerEnv(dataDir, ADMIN_PASSWORD, {
    MAILROOM_FETCH_ENABLED: 'false',
    // The bench logs in more often than a person would; the limits are not under test.
    MAILROOM_LOGIN_ATTEMPTS_PER_IP: '100000',
    MAILROOM_LOGIN_ATTEMPTS_PER_USER: '100000',
  });
  let app: App | null = null;
  try {
    const config = loadConfig(env);
    app = await startApp(config, createLogger(config.logLevel));
    const url = app.url;
    const admin = (await call(url, LOGIN, { input: { username: 'admin', password: ADMIN_PASSWORD } })).login.token as string;
    const plain: string[] = [];
    const enrolled: { name: string; secret: string }[] = [];
    for (let i = 0; i < USERS; i++) {
      for (const kind of ['one', 'two']) {
        const name = `${kind}step${i}`;
        const created = await call(url, CREATE, { input: { username: name, displayName: name, email: `${name}@example.com`, password: `${name}-password` } }, admin);
        if (created.createUser.userErrors.length > 0) throw new Error(JSON.stringify(created.createUser.userErrors));
        if (kind === 'one') {
          plain.push(name);
          continue;
        }
        const session = (await call(url, LOGIN, { input: { username: name, password: `${name}-password` } })).login.token as string;
        const secret = (await call(url, BEGIN, {}, session)).beginTwoFactorEnrolment.secret as string;
        enrolled.push({ name, secret });
      }
    }
    const oneStep: number[] = [];
    const twoStep: number[] = [];
    // Warm-up: one of each, not counted.
    const warm = async () => void (await call(url, LOGIN, { input: { username: 'admin', password: ADMIN_PASSWORD } }));
    await warm();
    for (let i = 0; i < USERS; i++) {
      const name = plain[i]!;
      let t = performance.now();
      const one = await call(url, LOGIN, { input: { username: name, password: `${name}-password` } });
      oneStep.push(performance.now() - t);
      if (!one.login.token) throw new Error(`one-step login failed: ${JSON.stringify(one)}`);

      // Confirm the enrolment with the previous step's code (its session is not timed), then log in with the current one.
      const { name: twoName, secret } = enrolled[i]!;
      await awayFromStepEdge();
      const session = (await call(url, LOGIN, { input: { username: twoName, password: `${twoName}-password` } })).login.token as string;
      const confirmed = await call(url, CONFIRM, { input: { code: code(secret, -1) } }, session);
      if (confirmed.confirmTwoFactorEnrolment.userErrors.length > 0) throw new Error(JSON.stringify(confirmed));
      t = performance.now();
      const first = await call(url, LOGIN, { input: { username: twoName, password: `${twoName}-password` } });
      const done = await call(url, COMPLETE, { input: { challenge: first.login.secondFactor.challenge, code: code(secret, 0) } });
      twoStep.push(performance.now() - t);
      if (!done.completeLogin.token) throw new Error(`two-step login failed: ${JSON.stringify(done)}`);
    }
    const a = stats(oneStep);
    const b = stats(twoStep);
    const f = (x: { median: number; mean: number; p90: number }) => `median ${x.median.toFixed(1)} ms, mean ${x.mean.toFixed(1)} ms, p90 ${x.p90.toFixed(1)} ms`;
    console.log(`login bench: ${USERS} samples each, alternating; ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`  one-step (password)              ${f(a)}`);
    console.log(`  two-step (password + TOTP code)  ${f(b)}`);
    console.log(`  ratio two-step/one-step: median ${(b.median / a.median).toFixed(2)}x, mean ${(b.mean / a.mean).toFixed(2)}x`);
  } finally {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

await main();
