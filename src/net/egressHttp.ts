/**
 * HTTP(S) requests through the egress policy, for chat providers and OAuth token
 * endpoints. Unlike `fetch`, the connection goes to the address the policy checked (the
 * URL's name is kept for the Host header, SNI and the certificate check), and a redirect
 * is never followed: a 3xx comes back as the answer, so a provider cannot bounce the
 * request (and its credentials) to an internal address.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { EgressRefusedError, type EgressPolicy } from './egress.js';

export interface EgressRequestInit {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | URLSearchParams;
  /** Aborts the request (e.g. AbortSignal.timeout); the rejection is the signal's reason. */
  readonly signal?: AbortSignal;
  /** Larger answers are cut here (the rest is not read). @default 1 MiB */
  readonly maxResponseBytes?: number;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** A `fetch`-like call whose Response is complete (body buffered, at most `maxResponseBytes`). */
export const egressFetch = async (policy: EgressPolicy, input: string, init: EgressRequestInit = {}): Promise<Response> => {
  const url = new URL(input);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new EgressRefusedError(url.host, `Only http(s) URLs are requested, got ${url.protocol}`);
  init.signal?.throwIfAborted();
  const target = await policy.resolve(url.hostname);
  const body = init.body === undefined ? undefined : Buffer.from(String(init.body));
  const headers: Record<string, string> = {
    host: url.host,
    ...(init.body instanceof URLSearchParams ? { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' } : {}),
    ...init.headers,
    ...(body ? { 'content-length': String(body.length) } : {}),
  };
  const limit = init.maxResponseBytes ?? 1024 * 1024;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Response>((resolve, reject) => {
    const req = send(
      {
        host: target.address,
        family: target.family,
        port: url.port === '' ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: init.method ?? 'GET',
        headers,
        ...(target.servername ? { servername: target.servername } : {}),
        // One connection per request: a pooled socket would outlive the policy's check.
        agent: false,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size >= limit) return;
          chunks.push(chunk);
          size += chunk.length;
          if (size >= limit) res.destroy();
        });
        const finish = () => {
          const status = res.statusCode ?? 502;
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (value === undefined) continue;
            for (const v of Array.isArray(value) ? value : [value]) responseHeaders.append(name, v);
          }
          const bytes = Buffer.concat(chunks).subarray(0, limit);
          resolve(new Response(NULL_BODY_STATUSES.has(status) ? null : bytes, { status: status < 200 || status > 599 ? 502 : status, headers: responseHeaders }));
        };
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', reject);
      },
    );
    const onAbort = () => req.destroy(init.signal?.reason instanceof Error ? init.signal.reason : new Error('aborted'));
    init.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => init.signal?.removeEventListener('abort', onAbort));
    req.on('error', (e) => reject(init.signal?.aborted && init.signal.reason instanceof Error ? init.signal.reason : e));
    req.end(body);
  });
};
