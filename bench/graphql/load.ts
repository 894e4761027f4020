/**
 * The load generator, in a worker thread so it does not share the server's event loop:
 * `inFlight` loops POST the same GraphQL request over keep-alive connections for
 * `seconds`, or until `count` requests are done.
 */
import { Agent } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { postJson } from '../support/postJson.js';

export interface LoadJob {
  readonly url: string;
  readonly body: string | readonly string[];
  readonly token?: string;
  readonly inFlight: number;
  readonly seconds?: number;
  readonly count?: number;
}

export interface LoadResult {
  readonly done: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failures: number;
  readonly firstFailure: string | null;
}

const job = workerData as LoadJob;
const agent = new Agent({ keepAlive: true, maxSockets: job.inFlight });
const target = new URL(job.url);

const post = (body: string): Promise<string> => postJson(agent, target, body, job.token);

const latencies: number[] = [];
let failures = 0;
let firstFailure: string | null = null;
let issued = 0;
const bodies = typeof job.body === 'string' ? [job.body] : job.body;
const start = performance.now();
const until = start + (job.seconds ?? 3600) * 1000;
const limit = job.count ?? Number.POSITIVE_INFINITY;

const loop = async () => {
  while (performance.now() < until && issued < limit) {
    const body = bodies[issued % bodies.length]!;
    issued += 1;
    const t = performance.now();
    const answer = await post(body);
    latencies.push(performance.now() - t);
    if (answer.includes('"errors"') || /"userErrors":\[\{/.test(answer)) {
      failures += 1;
      firstFailure ??= answer.slice(0, 400);
    }
  }
};
await Promise.all(Array.from({ length: job.inFlight }, loop));
const elapsed = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
const result: LoadResult = {
  done: latencies.length,
  perSecond: latencies.length / elapsed,
  p50Ms: at(0.5),
  p99Ms: at(0.99),
  failures,
  firstFailure,
};
agent.destroy();
parentPort!.postMessage(result);
