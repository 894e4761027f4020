import { describe, expect, it } from 'vitest';
import { LoginDocument, SettingsChangedDocument } from '../generated/graphql.js';
import { ADMIN_PASSWORD, gql, startTestServer, subscribeQueued, wsClient } from '../support/server.js';

describe('graceful shutdown', () => {
  it('finishes in-flight requests, closes subscriptions, then refuses connections', async () => {
    const server = await startTestServer();
    const { token } = await server.app.services.auth.login('admin', ADMIN_PASSWORD);
    const ws = wsClient(server.wsUrl, token);
    const feed = subscribeQueued(ws, SettingsChangedDocument, { mailboxNumber: 1 });
    await new Promise((r) => setTimeout(r, 200));
    expect(server.app.http.sockets.size).toBe(1);

    // A login takes an argon2 verification (~15 ms): it is still running when stop() begins.
    const inFlight = gql(server.url, LoginDocument, { input: { username: 'admin', password: ADMIN_PASSWORD } });
    await new Promise((r) => setTimeout(r, 5));
    await server.stop();

    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.data?.login.token).toMatch(/^mr_s_/);
    expect(feed.completed() || feed.error() !== null).toBe(true);
    expect(server.app.http.sockets.size).toBe(0);
    await expect(fetch(server.url.replace('/graphql', '/healthz'))).rejects.toThrow();
    await ws.dispose();
  });
});
