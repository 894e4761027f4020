import { createClient, type Client } from 'graphql-ws';

/** Where the API is: the page's own origin (the console is served by the server itself). */
export const endpoints = () => ({
  http: `${location.origin}/graphql`,
  ws: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
});

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const post = async <T>(query: string, variables: Record<string, unknown>, token: string | null): Promise<T> => {
  const res = await fetch(endpoints().http, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as GraphQLBody<T>;
  if (body.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join('; '), body.errors[0]!.extensions?.code ?? null);
  if (!body.data) throw new ApiError(`HTTP ${res.status} without data`, null);
  return body.data;
};

export interface Viewer {
  readonly id: string;
  readonly username: string;
  readonly isAdministrator: boolean;
}

/**
 * A logged-in session. The token lives only in this object (memory): nothing is stored in
 * cookies or web storage, so there is no ambient credential for another site to ride on
 * (no CSRF), and a reload asks for the password again.
 */
export class Session {
  private ws: Client | null = null;

  constructor(
    readonly token: string,
    readonly viewer: Viewer,
  ) {}

  request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return post<T>(query, variables, this.token);
  }

  /** One graphql-ws connection per session, authenticated in `connection_init`. */
  client(): Client {
    this.ws ??= createClient({
      url: endpoints().ws,
      connectionParams: { authorization: `Bearer ${this.token}` },
      lazy: true,
      retryAttempts: 5,
    });
    return this.ws;
  }

  /** Subscribes; returns the function that ends it. */
  subscribe<T>(query: string, variables: Record<string, unknown>, onData: (data: T) => void, onError: (message: string) => void): () => void {
    return this.client().subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors?.length) onError(result.errors.map((e) => e.message).join('; '));
          else if (result.data) onData(result.data as T);
        },
        error: (e) => onError(e instanceof Error ? e.message : 'subscription closed'),
        complete: () => undefined,
      },
    );
  }

  async logout(): Promise<void> {
    try {
      await this.request('mutation ConsoleLogout { logout { ok } }');
    } finally {
      await this.ws?.dispose();
      this.ws = null;
    }
  }
}

const LOGIN = `mutation ConsoleLogin($input: LoginInput!) {
  login(input: $input) { token userErrors { message code } viewer { id username isAdministrator } }
}`;

export const logIn = async (username: string, password: string): Promise<Session> => {
  const data = await post<{ login: { token: string | null; userErrors: { message: string; code: string }[]; viewer: Viewer | null } }>(
    LOGIN,
    { input: { username, password } },
    null,
  );
  const { token, viewer, userErrors } = data.login;
  if (!token || !viewer) throw new ApiError(userErrors.map((e) => e.message).join('; ') || 'Login failed', userErrors[0]?.code ?? null);
  return new Session(token, viewer);
};
