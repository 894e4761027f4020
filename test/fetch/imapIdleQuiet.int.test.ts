/**
 * An IDLE connection of a quiet account (issue #15): after a socket timeout without
 * traffic imapflow ends IDLE for a NOOP probe; the connection must go back into IDLE and
 * stay up, still pushing, instead of sitting outside IDLE until the next timeout drops it.
 * The socket timeout is the account's `timeouts.idleMs`, short here so that three pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapIdleConnection } from '../../src/mail/fetch/imapIdle.js';
import { dovecotAvailable, startDovecot, type Dovecot } from '../support/dovecot.js';
import { loopbackEgress } from '../support/egress.js';
import { accountFor, makeMessage, openFetchWorld, type FetchWorld } from './fetchHarness.js';

const dovecotOk = dovecotAvailable();
const PASSWORD = 'quiet-password';
const SOCKET_TIMEOUT_MS = 1000;

describe.runIf(dovecotOk)('IMAP IDLE connection of a quiet account', () => {
  let dovecot: Dovecot;
  let world: FetchWorld;
  beforeAll(async () => {
    dovecot = await startDovecot({ users: [{ name: 'quiet', password: PASSWORD }] });
    world = await openFetchWorld('sqlite');
  });
  afterAll(async () => {
    await world?.cleanup();
    await dovecot?.stop();
  });

  it('stays connected and in IDLE across several socket timeouts, and pushes the next delivery', async () => {
    let closed = false;
    let onMail: () => void = () => {};
    const arrived = new Promise<void>((resolve) => (onMail = resolve));
    const conn = new ImapIdleConnection({ onNewMail: () => onMail(), onClosed: () => (closed = true) });
    const account = { ...accountFor(dovecot, { protocol: 'IMAP', encryption: 'NONE', user: 'quiet', password: PASSWORD }), timeouts: { connectMs: 5000, greetingMs: 5000, idleMs: SOCKET_TIMEOUT_MS } };
    const first = await conn.open(account, { store: world.store, state: world.state, now: () => new Date(), egress: loopbackEgress });
    expect(first.error).toBeNull();
    conn.idle();
    // Quiet for three socket timeouts: each ends in a NOOP probe (without auto-IDLE the second closed it).
    await new Promise((r) => setTimeout(r, 3 * SOCKET_TIMEOUT_MS));
    expect(closed).toBe(false);
    expect(conn.connected).toBe(true);
    dovecot.deliver('quiet', makeMessage('after the quiet'));
    await arrived;
    const next = await conn.fetch(account, { store: world.store, state: world.state, now: () => new Date(), egress: loopbackEgress });
    expect(next.imported).toBe(1);
    await conn.logout();
  });
});
