import { request } from 'node:http';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { GraphQLResponse } from '../support/server.js';

/**
 * Clients bound to a chosen loopback source address (127.0.0.2, 127.0.0.3, …: all of
 * 127/8 is local on Linux), so the server sees distinct client addresses without a network.
 */

export interface BoundOptions {
  readonly token?: string | null;
  readonly headers?: Record<string, string>;
}

export const gqlFrom = async <R, V>(
  localAddress: string,
  url: string,
  document: TypedDocumentNode<R, V>,
  variables: V,
  options: BoundOptions = {},
): Promise<GraphQLResponse<R>> => {
  const raw = await postFrom(localAddress, url, JSON.stringify({ query: print(document), variables }), options);
  const body = JSON.parse(raw.body) as { data?: R | null; errors?: GraphQLResponse<R>['errors'] };
  return { status: raw.status, data: body.data, errors: body.errors };
};

export const postFrom = (localAddress: string, url: string, body: string, options: BoundOptions = {}): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        localAddress,
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });

/** A graphql-ws client whose socket connects from `localAddress`, optionally with extra upgrade headers. */
export const wsClientFrom = (localAddress: string, wsUrl: string, token: string | null, headers: Record<string, string> = {}): Client => {
  class BoundWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { localAddress, headers });
    }
  }
  return createClient({
    url: wsUrl,
    webSocketImpl: BoundWebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
};
