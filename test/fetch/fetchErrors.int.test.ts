import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchAccountConfig, FetchProtocol } from '../../src/mail/fetch/fetchTypes.js';
import { dovecotAvailable, startDovecot, type Dovecot } from '../support/dovecot.js';
import { accountFor, openFetchWorld, type FetchWorld } from './fetchHarness.js';

const dovecotOk = dovecotAvailable();
const PROTOCOLS: FetchProtocol[] = ['IMAP', 'POP3', 'APOP'];
const SHORT = { connectMs: 1500, greetingMs: 1500, idleMs: 6000 };

const listen = async (onConnection: (socket: Socket) => void): Promise<{ server: Server; port: number }> => {
  const server = createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
};

describe.runIf(dovecotOk)('fetch errors are classified once, at the edge', () => {
  let dovecot: Dovecot;
  let world: FetchWorld;
  let closedPort: number;
  let silent: { server: Server; port: number };
  let chatter: { server: Server; port: number };

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [{ name: 'errors', password: 'right-password' }] });
    world = await openFetchWorld('sqlite');
    const probe = await listen(() => {});
    closedPort = probe.port;
    await new Promise<void>((resolve) => probe.server.close(() => resolve()));
    silent = await listen(() => {});
    chatter = await listen((socket) => void socket.end('HELLO, this is not a mail server\r\n'));
  });
  afterAll(async () => {
    silent?.server.close();
    chatter?.server.close();
    await world?.cleanup();
    await dovecot?.stop();
  });

  const account = (protocol: FetchProtocol, overrides: Partial<FetchAccountConfig> = {}): FetchAccountConfig => ({
    ...accountFor(dovecot, { protocol, encryption: 'NONE', user: 'errors', password: 'right-password' }),
    ...overrides,
  });
  const plainPort = (protocol: FetchProtocol) => (protocol === 'IMAP' ? dovecot.ports.imap : dovecot.ports.pop3);
  const tlsPort = (protocol: FetchProtocol) => (protocol === 'IMAP' ? dovecot.ports.imaps : dovecot.ports.pop3s);

  it.each(PROTOCOLS)('%s: a wrong password is AUTH, with the server’s answer and the command (password masked)', async (protocol) => {
    const report = await world.run(account(protocol, { auth: { kind: 'password', user: 'errors', password: 'wrong' } }));
    expect(report.error?.code).toBe('AUTH');
    expect(report.error?.response).toMatch(/Authentication failed/);
    if (protocol === 'IMAP') expect(report.error?.responseCode).toBe('AUTHENTICATIONFAILED');
    else expect(report.error).toMatchObject({ responseCode: 'AUTH', command: protocol === 'APOP' ? 'APOP' : 'PASS ***' });
    expect(JSON.stringify(report.error)).not.toContain('wrong');
  });

  it.each(PROTOCOLS)('%s: a closed port is CONNECTION', async (protocol) => {
    const report = await world.run(account(protocol, { port: closedPort }));
    expect(report.error?.code).toBe('CONNECTION');
    expect(report.error?.message).toContain('ECONNREFUSED');
  });

  it.each(PROTOCOLS)('%s: TLS on connect to a plain port is TLS', async (protocol) => {
    const report = await world.run(account(protocol, { encryption: 'SSL_TLS', port: plainPort(protocol) }));
    expect(report.error?.code).toBe('TLS');
    expect(report.error?.message).toBe('TLS failed: wrong version number');
  });

  it.each(PROTOCOLS)('%s: a certificate nobody vouched for is TLS, on connect and after STARTTLS', async (protocol) => {
    const implicit = await world.run(account(protocol, { encryption: 'SSL_TLS', port: tlsPort(protocol), tls: {} }));
    const upgraded = await world.run(account(protocol, { encryption: 'STARTTLS', tls: {} }));
    expect([implicit.error?.code, upgraded.error?.code]).toEqual(['TLS', 'TLS']);
    expect(implicit.error?.message).toMatch(/self-signed/);
  });

  it.each(PROTOCOLS)('%s: a server that never greets, and plaintext to a TLS port, are TIMEOUT', async (protocol) => {
    const mute = await world.run(account(protocol, { port: silent.port, timeouts: SHORT }));
    const wrongSide = await world.run(account(protocol, { port: tlsPort(protocol), timeouts: SHORT }));
    expect([mute.error?.code, wrongSide.error?.code]).toEqual(['TIMEOUT', 'TIMEOUT']);
    expect(mute.error?.message).toMatch(/greeting/i);
  });

  it.each(['POP3', 'APOP'] as const)('%s: a peer that is not a POP3 server is PROTOCOL', async (protocol) => {
    const report = await world.run(account(protocol, { port: chatter.port }));
    // What else listens there is not echoed (issue #23: the connection test was a port scanner).
    expect(report.error).toMatchObject({ code: 'PROTOCOL', message: 'Not a POP3 server: its greeting is neither +OK nor -ERR (RFC 1939 §4)' });
    expect(report.error?.response).toBeUndefined();
  });

  it('IMAP: a peer that is not an IMAP server is CONNECTION (it hung up after a non-IMAP greeting)', async () => {
    const report = await world.run(account('IMAP', { port: chatter.port }));
    expect(report.error?.code).toBe('CONNECTION');
    expect(report.error?.message).toBe('Connection lost before an IMAP greeting: not an IMAP server, or it turned the connection away');
    expect(report.error?.response).toBeUndefined();
  });

  it('a password with CR/LF is refused before it can smuggle a command', async () => {
    const report = await world.run(account('POP3', { auth: { kind: 'password', user: 'errors', password: 'x\r\nDELE 1' } }));
    expect(report.error).toMatchObject({ code: 'PROTOCOL', command: 'PASS ***' });
  });

  it('APOP with an OAuth token is refused as AUTH before anything is sent', async () => {
    const report = await world.run(account('APOP', { auth: { kind: 'oauth2', user: 'errors', accessToken: 'token' } }));
    expect(report.error).toMatchObject({ code: 'AUTH', command: 'APOP' });
  });

  it('a store failure is INTERNAL, not the server’s fault', async () => {
    dovecot.deliver('errors', 'Subject: x\r\n\r\nbody\r\n');
    const refused = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    const failing = { ...world.store, insert: refused, insertMany: refused };
    const report = await world.run(account('POP3', { leaveOnServer: true }), { store: failing });
    expect(report.error?.code).toBe('INTERNAL');
    expect(report.error?.message).toContain('message store');
  });
});
