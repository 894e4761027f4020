/**
 * One long-lived IMAP connection of one account, idling on INBOX (RFC 2177).
 *
 * The first run over it (`open`) connects, logs in, reads CAPABILITY and takes INBOX as a
 * polling run does; later runs (`fetch`) take INBOX again over the same connection. Both
 * go through `takeUnseen`, so push and polling share every rule: INBOX + UNSEEN, the size
 * check before download, \Seen only after the store commits. Between runs the
 * connection sits in IDLE; an untagged EXISTS (RFC 9051 §7.4.1) calls `onNewMail`.
 *
 * IDLE is ended and re-issued every `maxIdleMs` (imapflow's maxIdleTime): RFC 2177 §3
 * lets a server drop a client idling for 30 minutes without a command, so the default of
 * 25 minutes stays clear of the usual 29-minute limit.
 */
import { ImapFlow } from 'imapflow';
import { egressTargetOf } from './egressTarget.js';
import { reportedRun } from './fetchAccount.js';
import type { FetchAccountConfig, FetchDeps, FetchReport } from './fetchTypes.js';
import { imapOptions, takeUnseen } from './imapFetcher.js';

export const DEFAULT_MAX_IDLE_MS = 25 * 60_000;

export interface ImapIdleEvents {
  /** EXISTS arrived: at least one message more in INBOX. `at` is when it was read. */
  readonly onNewMail: (at: number) => void;
  /** The connection is gone (server closed it, network, timeout, our close or logout). */
  readonly onClosed: () => void;
}

export class ImapIdleConnection {
  private client: ImapFlow | null = null;
  private idleFailed = false;
  /** The server advertised IDLE in the CAPABILITY after login. */
  supportsIdle = false;
  connectedAt: Date | null = null;

  constructor(
    private readonly events: ImapIdleEvents,
    private readonly maxIdleMs = DEFAULT_MAX_IDLE_MS,
  ) {}

  get connected(): boolean {
    return this.client?.usable ?? false;
  }

  /** The first run: connect, log in, take INBOX, stay connected. A failure closes the connection and is in the report. */
  readonly open = (configured: FetchAccountConfig, deps: FetchDeps): Promise<FetchReport> =>
    reportedRun(configured, deps, async (run) => {
      // The same egress policy as a polling run: connect only to the checked address.
      const account = await egressTargetOf(configured, deps.egress);
      // Auto-IDLE on (polling runs keep it off): when the connection has been quiet for the
      // socket timeout, imapflow ends IDLE for a NOOP to probe the server, and only
      // auto-IDLE re-enters IDLE afterwards. Without it a quiet account stopped pushing
      // after one socket timeout (60 s) and was dropped (ETIMEOUT) after the second: every
      // quiet session reconnected every ~2 minutes, and sessions started together did so
      // together, a CPU burst that was the latency tail of issue #15.
      const client = new ImapFlow({ ...imapOptions(account, run.limits), maxIdleTime: this.maxIdleMs, disableAutoIdle: false });
      this.client = client;
      client.on('error', () => {});
      client.on('exists', () => this.events.onNewMail(performance.now()));
      client.once('close', () => this.events.onClosed());
      try {
        await this.withAbort(client, deps, async () => {
          run.bytesRead = () => client.stats().received;
          await client.connect();
          this.connectedAt = new Date();
          // Capability names are case-insensitive (RFC 9051 §7.2.2).
          this.supportsIdle = [...client.capabilities.keys()].some((c) => c.toUpperCase() === 'IDLE');
          await takeUnseen(run, client);
        });
      } catch (e) {
        if (client.usable) client.close();
        throw e;
      }
    });

  /** A later run over the open connection (new mail arrived, or "fetch now"). */
  readonly fetch = (account: FetchAccountConfig, deps: FetchDeps): Promise<FetchReport> =>
    reportedRun(account, deps, async (run) => {
      const client = this.client;
      if (!client?.usable) throw Object.assign(new Error('IMAP IDLE connection closed'), { code: 'NoConnection' });
      const base = client.stats().received;
      run.bytesRead = () => client.stats().received - base;
      await this.withAbort(client, deps, () => takeUnseen(run, client));
    });

  /**
   * Enters IDLE in the background; the next command of a run ends it (DONE). A server
   * that refuses IDLE after advertising it is treated as one without it.
   */
  idle(): void {
    const client = this.client;
    if (!client?.usable) return;
    client.idle().then(
      (result) => {
        if (result === false && client.usable && !client.idling) this.idleFailed = true;
      },
      () => {},
    );
  }

  /** IDLE was refused by the server (tagged NO/BAD): poll the account instead. */
  get idleRefused(): boolean {
    return this.idleFailed;
  }

  /** LOGOUT (ends IDLE first), or a plain close once `timeoutMs` passes: shutdown has a grace time. */
  async logout(timeoutMs = 2000): Promise<void> {
    const client = this.client;
    if (!client?.usable) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      client.logout().catch(() => {}),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (client.usable) client.close();
  }

  close(): void {
    if (this.client?.usable) this.client.close();
  }

  private async withAbort(client: ImapFlow, deps: FetchDeps, body: () => Promise<void>): Promise<void> {
    const abort = () => client.close();
    deps.signal?.addEventListener('abort', abort, { once: true });
    try {
      await body();
    } finally {
      deps.signal?.removeEventListener('abort', abort);
    }
  }
}
