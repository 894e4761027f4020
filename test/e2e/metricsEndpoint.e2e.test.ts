import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { startTestServer } from '../support/server.js';

const TOKEN = 'scrape-token-0123456789';

describe('/metrics access', () => {
  it('asks for the scrape token when MAILROOM_METRICS_TOKEN is set', async () => {
    const server = await startTestServer({ env: { MAILROOM_METRICS_TOKEN: TOKEN } });
    try {
      const url = server.app.metricsUrl;
      expect(url).toBe(server.url.replace(/\/graphql$/, '/metrics'));
      const anonymous = await fetch(url);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(await anonymous.text()).not.toContain('mailroom_');
      expect((await fetch(url, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: 'Bearer short' } })).status).toBe(401);
      const scraped = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('mailroom_event_store_head_position');
    } finally {
      await server.stop();
    }
  });

  it('serves metrics only on MAILROOM_METRICS_PORT when it is set', async () => {
    const server = await startTestServer({ env: { MAILROOM_METRICS_PORT: '0', MAILROOM_METRICS_HOST: '127.0.0.1' } });
    try {
      const apiMetrics = await fetch(server.url.replace(/\/graphql$/, '/metrics'));
      expect(apiMetrics.status).toBe(404);
      const metricsUrl = new URL(server.app.metricsUrl);
      expect(metricsUrl.port).not.toBe(new URL(server.url).port);
      const scraped = await fetch(metricsUrl);
      expect(scraped.status).toBe(200);
      expect(scraped.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await scraped.text()).toContain('mailroom_graphql_operations_total');
      // The metrics port is not a second way into the API.
      const graphql = await fetch(new URL('/graphql', metricsUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' });
      expect(graphql.status).toBe(404);
    } finally {
      await server.stop();
    }
    // Stopped with the server.
    await expect(fetch(server.app.metricsUrl)).rejects.toThrow();
  });

  it('refuses a malformed port or a short token at start', () => {
    const attempt = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(attempt({ MAILROOM_METRICS_PORT: 'ninety' })).toEqual([expect.stringContaining('MAILROOM_METRICS_PORT')]);
    expect(attempt({ MAILROOM_METRICS_TOKEN: 'abc' })).toEqual([expect.stringContaining('at least 16 characters')]);
    expect(loadConfig({ MAILROOM_METRICS_PORT: '9464', MAILROOM_METRICS_TOKEN: TOKEN }).metrics).toEqual({ port: 9464, host: '0.0.0.0', token: TOKEN });
  });
});
