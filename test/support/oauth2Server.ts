/**
 * A small but real OAuth 2.0 authorization server on a loopback port, standing in for
 * Google / Microsoft in tests: authorization endpoint (auto-approves as a chosen user),
 * token endpoint (authorization_code with PKCE S256, refresh_token), RFC 7662
 * introspection (what Dovecot's oauth2 passdb calls), and test controls to revoke refresh
 * tokens or expire access tokens. Paths may carry a tenant prefix (`/<tenant>/token`), as
 * Microsoft's do.
 *
 * Kept free of vitest so benchmarks can start it too.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OAuth2Client {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface StartOAuth2ServerOptions {
  readonly clients: readonly OAuth2Client[];
  /** @default 3600 */
  readonly accessTokenTtlSeconds?: number;
  /** Issue a new refresh token on every refresh (Microsoft does). @default false */
  readonly rotateRefreshTokens?: boolean;
}

interface Grant {
  readonly clientId: string;
  readonly username: string;
  readonly scope: string;
}

export interface TokenRequestRecord {
  readonly grantType: string;
  readonly path: string;
  readonly status: number;
}

export interface OAuth2Server {
  readonly url: string;
  readonly authorizeUrl: string;
  /** `{tenant}` in the path, as in Microsoft's endpoint URLs. */
  readonly tokenUrlTemplate: string;
  readonly tokenUrl: string;
  readonly introspectionUrl: string;
  /** The user the authorization endpoint approves as. */
  approveAs(username: string): void;
  /** Revokes every refresh token of a user (as a password change or an admin would). */
  revokeRefreshTokens(username: string): void;
  /** Makes every access token issued so far inactive (expired). */
  expireAccessTokens(): void;
  readonly tokenRequests: readonly TokenRequestRecord[];
  readonly introspections: number;
  stop(): Promise<void>;
}

const b64url = (b: Buffer) => b.toString('base64url');
const token = (prefix: string) => `${prefix}.${b64url(randomBytes(24))}`;

const readBody = async (req: IncomingMessage): Promise<URLSearchParams> => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

export const startOAuth2Server = async (options: StartOAuth2ServerOptions): Promise<OAuth2Server> => {
  const ttl = options.accessTokenTtlSeconds ?? 3600;
  const clients = new Map(options.clients.map((c) => [c.clientId, c.clientSecret]));
  let approvedUser = 'user@example.com';
  const codes = new Map<string, Grant & { redirectUri: string; challenge: string | null }>();
  const refreshTokens = new Map<string, Grant>();
  const accessTokens = new Map<string, Grant & { expiresAt: number }>();
  const tokenRequests: TokenRequestRecord[] = [];
  let introspections = 0;

  const authenticateClient = (req: IncomingMessage, body: URLSearchParams): string | null => {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    let id = body.get('client_id');
    let secret = body.get('client_secret');
    if (basic) {
      const [u, p] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      id = decodeURIComponent(u ?? '');
      secret = decodeURIComponent(p ?? '');
    }
    return id !== null && clients.get(id) === secret ? id : null;
  };

  const issue = (grant: Grant, refreshToken: string | null) => {
    const access = token('at');
    accessTokens.set(access, { ...grant, expiresAt: Date.now() + ttl * 1000 });
    return { access_token: access, token_type: 'Bearer', expires_in: ttl, scope: grant.scope, ...(refreshToken ? { refresh_token: refreshToken } : {}) };
  };

  const tokenEndpoint = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const body = await readBody(req);
    const grantType = body.get('grant_type') ?? '';
    const reply = (status: number, payload: unknown) => {
      tokenRequests.push({ grantType, path, status });
      json(res, status, payload);
    };
    const clientId = authenticateClient(req, body);
    if (!clientId) return reply(401, { error: 'invalid_client' });
    if (grantType === 'authorization_code') {
      const code = codes.get(body.get('code') ?? '');
      codes.delete(body.get('code') ?? '');
      if (!code || code.clientId !== clientId || code.redirectUri !== body.get('redirect_uri')) {
        return reply(400, { error: 'invalid_grant', error_description: 'Unknown, used or mismatched authorization code' });
      }
      const verifier = body.get('code_verifier');
      if (code.challenge !== null && (!verifier || b64url(createHash('sha256').update(verifier).digest()) !== code.challenge)) {
        return reply(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
      }
      const refresh = token('rt');
      refreshTokens.set(refresh, code);
      return reply(200, issue(code, refresh));
    }
    if (grantType === 'refresh_token') {
      const presented = body.get('refresh_token') ?? '';
      const grant = refreshTokens.get(presented);
      if (!grant || grant.clientId !== clientId) {
        return reply(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
      }
      let next: string | null = null;
      if (options.rotateRefreshTokens) {
        next = token('rt');
        refreshTokens.delete(presented);
        refreshTokens.set(next, grant);
      }
      return reply(200, issue(grant, next));
    }
    return reply(400, { error: 'unsupported_grant_type' });
  };

  const authorizeEndpoint = (url: URL, res: ServerResponse) => {
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    const clientId = q.get('client_id') ?? '';
    if (!clients.has(clientId) || !redirectUri) return json(res, 400, { error: 'invalid_request' });
    const back = new URL(redirectUri);
    if (q.get('response_type') !== 'code') back.searchParams.set('error', 'unsupported_response_type');
    else if (q.get('code_challenge') && q.get('code_challenge_method') !== 'S256') back.searchParams.set('error', 'invalid_request');
    else {
      const code = token('code');
      codes.set(code, { clientId, username: approvedUser, scope: q.get('scope') ?? '', redirectUri, challenge: q.get('code_challenge') });
      back.searchParams.set('code', code);
    }
    if (q.get('state') !== null) back.searchParams.set('state', q.get('state')!);
    res.writeHead(302, { location: back.toString() });
    res.end();
  };

  /** RFC 7662; Dovecot posts `token=…` (introspection_mode = post). */
  const introspectionEndpoint = async (req: IncomingMessage, res: ServerResponse) => {
    introspections++;
    const body = await readBody(req);
    const t = accessTokens.get(body.get('token') ?? '');
    if (!t || t.expiresAt <= Date.now()) return json(res, 200, { active: false });
    json(res, 200, { active: true, username: t.username, scope: t.scope, client_id: t.clientId, exp: Math.floor(t.expiresAt / 1000) });
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const handle = async () => {
      if (req.method === 'GET' && path.endsWith('/authorize')) return authorizeEndpoint(url, res);
      if (req.method === 'POST' && path.endsWith('/token')) return tokenEndpoint(req, res, path);
      if (req.method === 'POST' && path.endsWith('/introspect')) return introspectionEndpoint(req, res);
      json(res, 404, { error: 'not_found' });
    };
    handle().catch((e: unknown) => json(res, 500, { error: 'server_error', error_description: String(e) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    authorizeUrl: `${base}/authorize`,
    tokenUrlTemplate: `${base}/{tenant}/token`,
    tokenUrl: `${base}/token`,
    introspectionUrl: `${base}/introspect`,
    approveAs: (username) => {
      approvedUser = username;
    },
    revokeRefreshTokens: (username) => {
      for (const [t, g] of refreshTokens) if (g.username === username) refreshTokens.delete(t);
    },
    expireAccessTokens: () => {
      for (const t of accessTokens.values()) t.expiresAt = 0;
    },
    get tokenRequests() {
      return tokenRequests;
    },
    get introspections() {
      return introspections;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
