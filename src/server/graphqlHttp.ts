import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { TransportInfo } from '../graphql/transportInfo.js';
import { sendJson } from './httpRoutes.js';

class BodyTooLargeError extends Error {}

const readBody = (req: IncomingMessage, limit: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new BodyTooLargeError());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLargeError());
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export interface GraphqlHttpOptions<TContext extends BaseContext> {
  readonly apollo: ApolloServer<TContext>;
  readonly maxRequestBytes: number;
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  readonly refuseDocument: (source: string, transport: 'http' | 'ws', clientIp: string) => GraphQLError | null;
  readonly buildContext: (info: TransportInfo) => Promise<TContext>;
  readonly transportInfo: (req: IncomingMessage) => TransportInfo;
}

/**
 * POST/GET /graphql: the body read under its size limit, the document checked against the
 * limits before Apollo parses it, then Apollo's `executeHTTPGraphQLRequest` (no web framework).
 */
export const createGraphqlHttpHandler =
  <TContext extends BaseContext>(options: GraphqlHttpOptions<TContext>) =>
  async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let body: unknown = undefined;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, options.maxRequestBytes);
      } catch (e) {
        if (e instanceof BodyTooLargeError) {
          return sendJson(res, 413, { errors: [{ message: `Request body larger than ${options.maxRequestBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
        }
        throw e;
      }
      const type = req.headers['content-type'] ?? '';
      if (type.includes('application/json')) {
        try {
          body = text.length ? JSON.parse(text) : undefined;
        } catch {
          return sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
      } else body = text;
    }
    const info = options.transportInfo(req);
    // Checked here, before Apollo parses: a hook that throws inside Apollo's pipeline
    // becomes an INTERNAL error with an error-level log line.
    const source = req.method === 'POST' ? (body as { query?: unknown } | undefined)?.query : url.searchParams.get('query');
    if (typeof source === 'string') {
      const refusal = options.refuseDocument(source, 'http', info.clientIp);
      if (refusal) return sendJson(res, 400, { errors: [options.formatError(refusal.toJSON(), refusal)] });
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    }
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => options.buildContext(info),
    });
    for (const [k, v] of response.headers) res.setHeader(k, v);
    // Answers are per caller and may carry settings: never stored by a cache (RFC 9111 §5.2.2.5).
    if (!response.headers.has('cache-control')) res.setHeader('cache-control', 'no-store');
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };
