/**
 * A small typed Mailroom client: queries and mutations over HTTP, subscriptions over
 * graphql-ws, both typed by the documents GraphQL Code Generator makes of your .graphql
 * files (see codegen.yml). It runs in a browser as is (global fetch and WebSocket) and in
 * Node with the `ws` package passed as `webSocketImpl`.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import { createClient, type Client } from 'graphql-ws';

export interface MailroomClientOptions {
  /** e.g. http://localhost:4000/graphql; the WebSocket URL is derived (ws:// or wss://). */
  readonly url: string;
  /** Node only: `import WebSocket from 'ws'`. Browsers have their own. */
  readonly webSocketImpl?: unknown;
}

/** A GraphQL error of the whole request (not a userError): no token, no permission, bad query. */
export class MailroomRequestError extends Error {
  constructor(readonly errors: readonly GraphQLFormattedError[]) {
    super(errors.map((e) => `${String(e.extensions?.code ?? 'ERROR')}: ${e.message}`).join('; '));
  }
}

export class MailroomClient {
  private token: string | null = null;
  private ws: Client | null = null;

  constructor(private readonly options: MailroomClientOptions) {}

  /** Use a session token (from `login`) or an API token (from `issueApiToken`) from now on. */
  useToken(token: string | null): void {
    this.token = token;
    // The WebSocket authenticates once, in connection_init: a new token needs a new socket.
    void this.ws?.dispose();
    this.ws = null;
  }

  /** A query or mutation. Resolves with `data`; rejects with MailroomRequestError on `errors`. */
  async request<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
    const res = await fetch(this.options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const body = (await res.json()) as { data?: R | null; errors?: MailroomRequestError['errors'] };
    if (body.errors?.length) throw new MailroomRequestError(body.errors);
    if (!body.data) throw new MailroomRequestError([{ message: `HTTP ${res.status} without data`, extensions: {} }]);
    return body.data;
  }

  /** A subscription: `onData` gets every event; the returned function ends it. */
  subscribe<R, V>(
    document: TypedDocumentNode<R, V>,
    variables: V,
    handlers: { onData: (data: R) => void; onError?: (error: unknown) => void; onComplete?: () => void },
  ): () => void {
    return this.socket().subscribe<R>(
      { query: print(document), variables: variables as Record<string, unknown> },
      {
        next: (msg) => {
          if (msg.errors?.length) handlers.onError?.(new MailroomRequestError(msg.errors));
          else if (msg.data) handlers.onData(msg.data);
        },
        error: (err) => handlers.onError?.(err),
        complete: () => handlers.onComplete?.(),
      },
    );
  }

  /**
   * Resolves once the WebSocket is connected and its connection_init was accepted. Call it
   * before the first `subscribe` (which opens the socket) and await it after.
   */
  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = this.socket();
      const offs = [
        socket.on('connected', () => (offs.forEach((off) => off()), resolve())),
        // e.g. 4401 for a token the server no longer accepts
        socket.on('closed', (event) => (offs.forEach((off) => off()), reject(new Error(`WebSocket closed before connecting: ${String((event as { code?: number }).code)}`)))),
      ];
    });
  }

  /** Closes the WebSocket (open subscriptions end). */
  async close(): Promise<void> {
    await this.ws?.dispose();
    this.ws = null;
  }

  private socket(): Client {
    this.ws ??= createClient({
      url: this.options.url.replace(/^http/, 'ws'),
      ...(this.options.webSocketImpl ? { webSocketImpl: this.options.webSocketImpl } : {}),
      // The token travels in the connection_init payload, as Mailroom expects.
      connectionParams: () => (this.token ? { authorization: `Bearer ${this.token}` } : {}),
      lazy: true,
      retryAttempts: 0,
    });
    return this.ws;
  }
}
