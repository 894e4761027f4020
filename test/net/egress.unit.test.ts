import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEgressPolicy, EgressRefusedError, normaliseHost } from '../../src/net/egress.js';
import { egressFetch } from '../../src/net/egressHttp.js';
import { exchangeAuthorizationCode, OAuthTransportError, refreshAccessToken } from '../../src/app/inbound/oauth/oauthClient.js';
import { startCountingListener, type CountingListener } from './listener.js';

const strict = createEgressPolicy();
const refusal = async (host: string, policy = strict): Promise<string> => {
  try {
    await policy.resolve(host);
  } catch (e) {
    expect(e).toBeInstanceOf(EgressRefusedError);
    return (e as Error).message;
  }
  throw new Error(`${host} was not refused`);
};

describe('egress policy', () => {
  it('reads numeric host tricks as the URL parser does', () => {
    expect(normaliseHost('2130706433')).toBe('127.0.0.1');
    expect(normaliseHost('0x7f.1')).toBe('127.0.0.1');
    expect(normaliseHost('0177.0.0.1')).toBe('127.0.0.1');
    expect(normaliseHost('127.1')).toBe('127.0.0.1');
    expect(normaliseHost('[::1]')).toBe('::1');
    expect(normaliseHost('Mail.Example.COM')).toBe('mail.example.com');
    expect(normaliseHost('a b')).toBeNull();
    expect(normaliseHost('evil.com@127.0.0.1')).toBeNull();
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['2130706433', 'loopback'],
    ['0x7f.1', 'loopback'],
    ['10.0.0.1', 'private (RFC 1918)'],
    ['172.16.5.4', 'private (RFC 1918)'],
    ['192.168.1.1', 'private (RFC 1918)'],
    ['169.254.169.254', 'cloud metadata'],
    ['100.64.0.1', 'CGNAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['64:ff9b::a00:1', 'private (RFC 1918)'],
    ['2002:a9fe:a9fe::1', 'metadata'],
  ])('refuses %s (%s) before any connection', async (host, label) => {
    expect(await refusal(host)).toContain(label);
    expect(strict.literalRefusal(host)).toContain(label);
  });

  it('checks every address a name resolves to (localhost is loopback after DNS)', async () => {
    expect(strict.literalRefusal('localhost')).toBeNull();
    expect(await refusal('localhost')).toMatch(/^localhost \((127\.0\.0\.1|::1)\) is loopback/);
  });

  it('lets public addresses through and connects to the checked address, the name kept for TLS', async () => {
    await expect(strict.resolve('93.184.215.14')).resolves.toEqual({ host: '93.184.215.14', address: '93.184.215.14', family: 4, servername: undefined });
    await expect(strict.resolve('2606:4700::1111')).resolves.toMatchObject({ address: '2606:4700::1111', family: 6 });
  });

  it('allows exactly the ranges an operator configured, in every spelling', async () => {
    const policy = createEgressPolicy({ allow: ['127.0.0.0/8', '10.1.0.0/16'] });
    await expect(policy.resolve('2130706433')).resolves.toMatchObject({ address: '127.0.0.1' });
    await expect(policy.resolve('::ffff:127.0.0.1')).resolves.toMatchObject({ address: '::ffff:127.0.0.1' });
    await expect(policy.resolve('10.1.2.3')).resolves.toMatchObject({ address: '10.1.2.3' });
    expect(await refusal('10.2.0.1', policy)).toContain('private');
    expect(await refusal('::1', policy)).toContain('loopback');
    expect(policy.allows('127.0.0.1')).toBe(true);
    expect(strict.allows('127.0.0.1')).toBe(false);
  });
});

describe('egressFetch', () => {
  let listener: CountingListener;
  let redirector: Server;
  let redirectorPort: number;
  const hits: string[] = [];

  beforeAll(async () => {
    listener = await startCountingListener();
    redirector = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/moved') {
        res.writeHead(302, { location: `http://127.0.0.1:${listener.port}/internal` });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'text/plain', 'x-host': String(req.headers.host) });
      res.end('hello');
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    redirectorPort = (redirector.address() as { port: number }).port;
  });
  afterAll(async () => {
    await listener.close();
    await new Promise<void>((resolve) => redirector.close(() => resolve()));
  });

  it('opens no connection to a refused address, whatever the spelling', async () => {
    for (const host of ['127.0.0.1', '2130706433', '0x7f.1', '[::ffff:127.0.0.1]', 'localhost']) {
      await expect(egressFetch(strict, `http://${host}:${listener.port}/`, { method: 'POST', body: 'x' })).rejects.toBeInstanceOf(EgressRefusedError);
    }
    expect(listener.connections()).toBe(0);
  });

  it('does not follow a redirect: the 3xx is the answer and its target gets no connection', async () => {
    const allowed = createEgressPolicy({ allow: ['127.0.0.0/8'] });
    const ok = await egressFetch(allowed, `http://127.0.0.1:${redirectorPort}/plain`);
    expect([ok.status, await ok.text(), ok.headers.get('x-host')]).toEqual([200, 'hello', `127.0.0.1:${redirectorPort}`]);
    const moved = await egressFetch(allowed, `http://127.0.0.1:${redirectorPort}/moved`, { method: 'POST', body: 'secret=1' });
    expect(moved.status).toBe(302);
    expect(hits).toEqual(['/plain', '/moved']);
    expect(listener.connections()).toBe(0);
  });

  it('gives up with the signal’s reason', async () => {
    const silent = await startCountingListener();
    try {
      const allowed = createEgressPolicy({ allow: ['127.0.0.0/8'] });
      const error = await egressFetch(allowed, `http://127.0.0.1:${silent.port}/`, { signal: AbortSignal.timeout(200) }).catch((e: unknown) => e);
      expect((error as Error).name).toBe('TimeoutError');
      expect(silent.connections()).toBe(1);
    } finally {
      await silent.close();
    }
  });
});

describe('OAuth token endpoints', () => {
  it('are requested through the policy: an internal token URL gets no connection and no client secret', async () => {
    const listener = await startCountingListener();
    try {
      const endpoints = { authorizeUrl: 'https://login.example.com/authorize', tokenUrl: `http://127.0.0.1:${listener.port}/token` };
      const client = { provider: 'GOOGLE' as const, clientId: 'id', clientSecret: 'secret-not-to-send', tenant: null, scopes: ['mail'], redirectUrl: 'https://app.example.com/cb' };
      const exchanged = await exchangeAuthorizationCode(endpoints, client, 'code', 'verifier', strict).catch((e: unknown) => e);
      expect(exchanged).toBeInstanceOf(OAuthTransportError);
      expect((exchanged as Error).message).toContain('127.0.0.1 is loopback');
      await expect(refreshAccessToken(endpoints, client, 'refresh')).rejects.toBeInstanceOf(OAuthTransportError);
      expect(listener.connections()).toBe(0);
    } finally {
      await listener.close();
    }
  });
});
