/**
 * A private Dovecot (IMAP + POP3) per test file, from a temp config on free loopback
 * ports. The distribution's own service is never touched. Recipe: /work/shared/spec/TEST-PEERS.md.
 *
 * Kept free of vitest so `bench/fetch` can start the same peer.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync, chownSync, closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync,
  renameSync, rmSync, statSync, writeFileSync, writeSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { descendants, killQuietly, waitForExit } from './processTree.js';
import { requireService, type ServiceCheck } from './services.js';

export interface DovecotUser {
  readonly name: string;
  readonly password: string;
}

export interface StartDovecotOptions {
  readonly users: readonly DovecotUser[];
  /**
   * SASL mechanisms offered. APOP needs the PLAIN password scheme, which the passwd file uses.
   * @default ['plain', 'login', 'apop']
   */
  readonly authMechanisms?: readonly string[];
  /** Appended verbatim to dovecot.conf, e.g. an oauth2 passdb for XOAUTH2/OAUTHBEARER tests. */
  readonly extraConfig?: string;
}

export interface DeliverOptions {
  /** Deliver with the \Seen flag (a maildir `cur/…:2,S` file). @default false */
  readonly seen?: boolean;
  /** A folder other than INBOX, e.g. `Archive` (Maildir++ `.Archive`). */
  readonly folder?: string;
}

export interface Dovecot {
  readonly host: '127.0.0.1';
  /** `imap` offers STARTTLS; `imaps` and `pop3s` are TLS on connect; `pop3` offers STLS. */
  readonly ports: { readonly imap: number; readonly imaps: number; readonly pop3: number; readonly pop3s: number };
  readonly dir: string;
  /** PEM of the self-signed server certificate (its own CA); SAN covers 127.0.0.1 and localhost. */
  readonly caCert: string;
  readonly cert: string;
  /**
   * Writes a message straight into the user's maildir; Dovecot picks it up on its next
   * sync. Chunks (an iterable) write a large message without holding it in memory.
   */
  deliver(user: string, raw: string | Uint8Array | Iterable<string | Uint8Array>, options?: DeliverOptions): string;
  /** Message files currently in a folder of the user's maildir (new + cur). */
  messageFiles(user: string, folder?: string): string[];
  /** Dovecot's own log, for failing-test diagnostics. */
  log(): string;
  /** Pids of the master and every process below it (empty once stopped). */
  processes(): number[];
  /** Logged-in sessions (IMAP and POP3) of the user right now, from `doveadm who`. */
  sessions(user: string): number;
  /** Stops the master and everything below it (every connection drops), waits `downMs`, starts it again on the same ports and mail. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const MAIL_UID = 8;
const MAIL_GID = 8;

export const checkDovecot = (): ServiceCheck => {
  const probe = spawnSync('dovecot', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    return { available: false, reason: 'the dovecot binary is not installed (apt-get install -y dovecot-imapd dovecot-pop3d)' };
  }
  if (spawnSync('openssl', ['version']).status !== 0) return { available: false, reason: 'openssl is not installed' };
  if (process.getuid?.() !== 0) {
    return { available: false, reason: 'a private Dovecot must start as root to switch to the mail uid (8)' };
  }
  return { available: true, reason: '' };
};

/** Top-level-await friendly: `const dovecotOk = dovecotAvailable();` then `describe.runIf(dovecotOk)`. */
export const dovecotAvailable = (): boolean => requireService('Dovecot', checkDovecot());

const running = new Set<ChildProcess>();
// A test process that exits without stop() must not leave a master listening: the
// children exit on their own once the master's pipe closes.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * 'exit' handlers do not run when the test worker is killed (a vitest timeout, SIGKILL);
 * a detached shell then stops the master once this process is gone.
 */
const startWatchdog = (masterPid: number): ChildProcess => {
  const watchdog = spawn(
    'sh',
    ['-c', 'while kill -0 "$0" 2>/dev/null; do sleep 1; done; kill -TERM "$1" 2>/dev/null; sleep 2; kill -KILL "$1" 2>/dev/null', String(process.pid), String(masterPid)],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();
  return watchdog;
};

export const startDovecot = async (options: StartDovecotOptions): Promise<Dovecot> => {
  // Free ports are probed then released, so another process can grab one in between;
  // a bind failure is retried with fresh ports rather than failing the suite.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(options);
    } catch (e) {
      lastError = e;
      if (!(e instanceof PortInUseError)) throw e;
    }
  }
  throw lastError;
};

class PortInUseError extends Error {}

const startOnce = async (options: StartDovecotOptions): Promise<Dovecot> => {
  const upper = options.users.find((u) => u.name !== u.name.toLowerCase());
  // auth_username_format = %Lu (the default) lower-cases the login before the passwd lookup.
  if (upper) throw new Error(`Dovecot user names must be lower case, got ${JSON.stringify(upper.name)}`);
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-dovecot-'));
  // The login and mail processes run as other uids and must traverse the directory.
  chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub), { mode: 0o755 });
  makeCertificate(dir);
  const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');

  const passwd = options.users
    .map((u) => `${u.name}:{PLAIN}${u.password}:${MAIL_UID}:${MAIL_GID}::${join(dir, 'mail', u.name)}`)
    .join('\n');
  writeFileSync(join(dir, 'passwd'), `${passwd}\n`, { mode: 0o644 });
  for (const u of options.users) {
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, 'mail', u.name, 'Maildir', sub), { recursive: true });
    chownTree(join(dir, 'mail', u.name));
  }

  // Four distinct ports: a released probe port can come back from the kernel twice,
  // and Dovecot refuses a configuration with a "duplicate listener".
  const picked = new Set<number>();
  while (picked.size < 4) picked.add(await freePort());
  const [imap, imaps, pop3, pop3s] = [...picked] as [number, number, number, number];
  const ports = { imap, imaps, pop3, pop3s };
  const mechanisms = (options.authMechanisms ?? ['plain', 'login', 'apop']).join(' ');
  writeFileSync(join(dir, 'dovecot.conf'), dovecotConfig(dir, ports, mechanisms, options.extraConfig ?? ''));

  let output = '';
  const launch = () => {
    const child = spawn('dovecot', ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const watchdog = child.pid === undefined ? null : startWatchdog(child.pid);
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.once('exit', () => running.delete(child));
    return { child, watchdog, exited };
  };
  let master = launch();

  const logPath = join(dir, 'dovecot.log');
  const readLog = () => {
    try {
      return readFileSync(logPath, 'utf8');
    } catch {
      return '';
    }
  };
  // A clean SIGTERM first. Dovecot's master then waits for its login processes, which
  // can sit out a 5 s handshake timeout against the already stopped anvil; after a grace
  // period whatever is left is killed (test data needs no orderly shutdown).
  const terminate = async () => {
    const { child, watchdog, exited } = master;
    const known = new Set(child.pid === undefined ? [] : descendants(child.pid));
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        for (const pid of descendants(child.pid!)) known.add(pid);
        for (const pid of known) killQuietly(pid);
        child.kill('SIGKILL');
      }, 1000);
      await exited;
      clearTimeout(timer);
    }
    await waitForExit([...known]);
    watchdog?.kill('SIGKILL');
  };
  const stop = async () => {
    await terminate();
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitForListeners(Object.values(ports), master.child, () => output + readLog());
  } catch (e) {
    const diagnostics = output + readLog();
    await stop();
    if (/address already in use|duplicate listener/i.test(diagnostics)) throw new PortInUseError(diagnostics);
    throw new Error(`Dovecot did not start: ${(e as Error).message}\n${diagnostics}`);
  }

  const folderDir = (user: string, folder?: string) =>
    folder === undefined || folder.toUpperCase() === 'INBOX'
      ? join(dir, 'mail', user, 'Maildir')
      : join(dir, 'mail', user, 'Maildir', `.${folder}`);

  return {
    host: '127.0.0.1',
    ports,
    dir,
    caCert: cert,
    cert,
    deliver: (user, raw, deliverOptions = {}) => {
      const base = folderDir(user, deliverOptions.folder);
      for (const sub of ['cur', 'new', 'tmp']) {
        mkdirSync(join(base, sub), { recursive: true });
        chownSync(join(base, sub), MAIL_UID, MAIL_GID);
      }
      chownSync(base, MAIL_UID, MAIL_GID);
      const unique = `${Date.now()}.M${randomBytes(6).toString('hex')}P${process.pid}.mailroom-test`;
      const name = deliverOptions.seen ? `${unique}:2,S` : unique;
      // Maildir delivery: write under tmp/, then rename, so Dovecot never sees half a file.
      const tmp = join(base, 'tmp', unique);
      if (typeof raw === 'string' || raw instanceof Uint8Array) writeFileSync(tmp, raw);
      else {
        const fd = openSync(tmp, 'w');
        try {
          for (const chunk of raw) writeSync(fd, typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
        } finally {
          closeSync(fd);
        }
      }
      chownSync(tmp, MAIL_UID, MAIL_GID);
      renameSync(tmp, join(base, deliverOptions.seen ? 'cur' : 'new', name));
      return name;
    },
    messageFiles: (user, folder) => {
      const base = folderDir(user, folder);
      return ['new', 'cur'].flatMap((sub) => {
        try {
          return readdirSync(join(base, sub));
        } catch {
          return [];
        }
      });
    },
    log: readLog,
    processes: () => {
      const { child } = master;
      return child.pid === undefined || child.exitCode !== null || child.signalCode !== null ? [] : [child.pid, ...descendants(child.pid)];
    },
    sessions: (user) => {
      // `doveadm who` lists the logged-in sessions anvil knows of, one line per user with a count.
      const out = execFileSync('doveadm', ['-c', join(dir, 'dovecot.conf'), '-f', 'tab', 'who', user], { encoding: 'utf8' });
      const row = out.split('\n').slice(1).find((l) => l.split('\t')[0] === user);
      return row ? Number(row.split('\t')[1]) : 0;
    },
    restart: async (downMs = 0) => {
      await terminate();
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      master = launch();
      await waitForListeners(Object.values(ports), master.child, () => output + readLog());
    },
    stop,
  };
};

const dovecotConfig = (
  dir: string,
  ports: { imap: number; imaps: number; pop3: number; pop3s: number },
  mechanisms: string,
  extra: string,
): string => `
first_valid_uid = 1
protocols = imap pop3
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
ssl = yes
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
disable_plaintext_auth = no
# Tests provoke wrong passwords on purpose; the default 2 s penalty only slows them down.
auth_failure_delay = 0
auth_mechanisms = ${mechanisms}
mail_location = maildir:~/Maildir
pop3_uidl_format = %08Xu%08Xv
# No stats client: at shutdown the stats process goes first and every login process would
# then wait 5 s for its handshake, making stop() slow.
stats_writer_socket_path =
default_internal_user = dovecot
default_login_user = dovenull
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = ${dir}/passwd
}
# Tests fail logins on purpose; anvil's brute-force penalty (2 to 15 s on every later
# login from the same IP) would slow all following tests. The auth process cannot open a
# mode-0 socket and then runs without penalties.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service imap-login {
  inet_listener imap {
    port = ${ports.imap}
  }
  inet_listener imaps {
    port = ${ports.imaps}
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    port = ${ports.pop3}
  }
  inet_listener pop3s {
    port = ${ports.pop3s}
    ssl = yes
  }
}
${extra}
`;

const makeCertificate = (dir: string): void => {
  execFileSync(
    'openssl',
    [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  chmodSync(join(dir, 'key.pem'), 0o600);
};

const chownTree = (path: string): void => {
  chownSync(path, MAIL_UID, MAIL_GID);
  if (!statSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) chownTree(join(path, entry));
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const waitForListeners = async (ports: number[], child: ChildProcess, diagnostics: () => string): Promise<void> => {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`dovecot exited (${child.exitCode ?? child.signalCode})`);
    if (/address already in use/i.test(diagnostics())) throw new Error('address already in use');
    const open = await Promise.all(ports.map(canConnect));
    if (open.every(Boolean)) return;
    if (Date.now() > deadline) throw new Error('timed out waiting for the listeners');
    await new Promise((r) => setTimeout(r, 50));
  }
};

const canConnect = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
