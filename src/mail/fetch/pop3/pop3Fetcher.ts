/**
 * POP3 and APOP fetch: every message of the maildrop, identified by UIDL (RFC 1939 §7).
 *
 * - STAT first: 1,500,000 or more messages refuses the run (OVER_LIMIT) before anything
 *   is listed or downloaded (manual: メール蓄積数が 150 万通以上).
 * - Sizes from LIST: a message above the limit is never RETR'd; it is reported once and
 *   left on the server (we delete only what we stored).
 * - leave-on-server: taken UIDLs are recorded in the fetch state, so nothing is taken
 *   twice, even after a mailbox reset emptied the message store.
 * - without leave-on-server: DELE only after the store committed (sent once no RETR answer
 *   is outstanding); the server applies the DELEs at QUIT (UPDATE state), so a crash
 *   before QUIT deletes nothing and the next run finds those messages already stored
 *   (idempotent per UIDL) and only deletes them.
 * - downloads are pipelined (RETRs sent ahead, RFC 2449 PIPELINING) and stored in groups
 *   (FetchRun.stage); records and DELEs of a group follow its commit.
 * - delete-duplicates (with leave-on-server only): a message under a UIDL not seen before
 *   that is the same mail as one this account already stored (MessageStore.findSameMail:
 *   identical bytes, or same Message-ID and Date) is not imported; its UIDL is recorded as
 *   a duplicate. Servers that re-issue UIDLs (a migration, a rebuilt index) otherwise
 *   make leave-on-server take the whole maildrop again — the manual's 同じメールを繰り返し受信.
 *   The server copy stays: leave-on-server means the server keeps its mail.
 */
import { pop3SourceKey, type SourceKey } from '../../messageStore/messageStore.js';
import { FetchError, FetchErrorCode } from '../fetchError.js';
import { SeenDisposition, type SeenSource } from '../fetchStateStore.js';
import { timeoutsOf, type FetchRun } from '../fetchRun.js';
import { MessageCollector } from '../incomingMessage.js';
import { Pop3Client, type Pop3Security } from './pop3Client.js';
import { Pop3ProtocolError } from './pop3Response.js';

/** IMPORTED records are written in batches; a lost batch is recovered by the store's idempotency. */
const RECORD_BATCH = 200;

export const fetchPop3 = async (run: FetchRun): Promise<void> => {
  const { account, deps, limits } = run;
  const timeouts = timeoutsOf(account);
  const client = await Pop3Client.connect({
    host: account.host,
    port: account.port,
    security: SECURITY[account.encryption],
    tls: account.tls ?? {},
    connectTimeoutMs: timeouts.connectMs,
    greetingTimeoutMs: timeouts.greetingMs,
    idleTimeoutMs: timeouts.idleMs,
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
  });
  run.bytesRead = () => client.bytesRead;
  const pendingRecords: SeenSource[] = [];
  const flushRecords = async () => {
    if (pendingRecords.length === 0) return;
    await run.state.record(account.accountId, pendingRecords.splice(0), deps.now());
  };
  let dele = 0;
  const toDelete: number[] = [];
  const flushDeletes = async () => {
    const numbers = toDelete.splice(0);
    await client.deleMany(numbers, pipelining);
    dele += numbers.length;
  };
  let pipelining = false;
  try {
    await authenticate(run, client);
    const stat = await client.stat();
    run.serverMessages = stat.count;
    if (stat.count >= limits.maxServerMessages) {
      throw new FetchError(
        FetchErrorCode.OVER_LIMIT,
        `The server holds ${stat.count} messages; fetching is refused at ${limits.maxServerMessages} or more`,
        { command: 'STAT', response: `+OK ${stat.count} ${stat.octets}` },
      );
    }
    // RFC 2449 §6.6: only a server that announces PIPELINING may get commands before it answered the previous ones.
    pipelining = stat.count > 1 && (await client.capabilities()).has('PIPELINING');
    const sizes = stat.count === 0 ? new Map<number, number>() : await client.list();
    const uidls = stat.count === 0 ? new Map<number, string>() : await client.uidl();
    const numbers = [...uidls.keys()].sort((a, b) => a - b);
    const keyOf = (n: number): SourceKey => pop3SourceKey(uidls.get(n)!);
    const known = await run.state.lookup(account.accountId, numbers.map(keyOf));
    // Only keys the state does not know can be stored-but-unrecorded (a crash before the
    // record or the DELE); asking for those alone keeps this set small.
    const stored = await run.store.storedSourceKeys(
      account.accountId,
      numbers.map(keyOf).filter((key) => !known.has(key)),
    );

    // DELEs wait until no RETR answer is outstanding (the end of the run, or the failure
    // path): they take effect only at QUIT anyway (RFC 1939 §6).
    const deleteOnServer = (n: number) => {
      if (!account.leaveOnServer) toDelete.push(n);
    };
    const downloads: number[] = [];
    for (const n of numbers) {
      run.checkAborted();
      const sourceKey = keyOf(n);
      const size = sizes.get(n);
      if (size === undefined) continue;
      const disposition = known.get(sourceKey);
      if (disposition === SeenDisposition.TOO_LARGE) {
        run.tooLargeStillOnServer++;
        continue;
      }
      // Taken (or judged a duplicate) while leave-on-server was on; deleted once it is off.
      if (disposition !== undefined) {
        deleteOnServer(n);
        continue;
      }
      if (size > limits.maxMessageBytes) {
        await skipTooLarge(run, sourceKey, uidls.get(n)!, size);
        continue;
      }
      if (stored.has(sourceKey)) {
        run.recovered++;
        if (account.leaveOnServer) pendingRecords.push({ sourceKey, disposition: SeenDisposition.IMPORTED, size });
        deleteOnServer(n);
        continue;
      }
      downloads.push(n);
    }
    await flushDeletes();

    const take = async (n: number, collector: MessageCollector) => {
      const sourceKey = keyOf(n);
      const uidl = uidls.get(n)!;
      if (collector.overflowed) {
        await skipTooLarge(run, sourceKey, uidl, collector.size);
        return;
      }
      const message = collector.finish();
      const size = sizes.get(n)!;
      if (account.leaveOnServer && account.deleteDuplicates) {
        // The same mail may sit in the group not yet committed.
        await run.commitStaged();
        const same = await run.store.findSameMail(account.accountId, { ...message, excludeSourceKey: sourceKey, sourceKeyPrefix: 'uidl:' });
        if (same) {
          run.duplicatesDeleted.push({ sourceKey, serverId: uidl, duplicateOf: same.id });
          await run.state.record(account.accountId, [{ sourceKey, disposition: SeenDisposition.DUPLICATE, size }], deps.now());
          return;
        }
      }
      await run.stage(message, sourceKey, async () => {
        if (account.leaveOnServer) {
          pendingRecords.push({ sourceKey, disposition: SeenDisposition.IMPORTED, size });
          if (pendingRecords.length >= RECORD_BATCH) await flushRecords();
        }
        deleteOnServer(n);
      });
    };

    // With PIPELINING, RETRs go out ahead up to storeGroupBytes of announced size; without
    // it the next RETR goes out as soon as the previous answer is read, before that message
    // is stored. Either way the server sends while we store, and the client pauses its
    // socket, so what is sent ahead waits in the kernel's buffers rather than in ours.
    let next = 0;
    let aheadBytes = 0;
    const sendAhead = () => {
      for (; next < downloads.length; next++) {
        const size = sizes.get(downloads[next]!)!;
        if (client.pendingRetrs > 0 && (!pipelining || aheadBytes + size > limits.storeGroupBytes)) return;
        client.sendRetr(downloads[next]!);
        aheadBytes += size;
      }
    };
    sendAhead();
    for (const n of downloads) {
      run.checkAborted();
      const collector = new MessageCollector(limits.maxMessageBytes, sizes.get(n));
      await client.readRetr((chunk) => collector.push(chunk));
      aheadBytes -= sizes.get(n)!;
      sendAhead();
      await take(n, collector);
    }
    await run.commitStaged();
    await flushDeletes();
    await flushRecords();
    await run.state.prune(account.accountId, new Set(numbers.map(keyOf)), 'uidl:');
    await client.quit();
    run.deletedOnServer = dele;
  } catch (error) {
    const settle = async () => {
      await client.discardOutstanding();
      await flushDeletes();
    };
    await closeAfterFailure(run, client, error, flushRecords, settle, () => (run.deletedOnServer = dele));
    throw error;
  }
};

const SECURITY: Record<FetchRun['account']['encryption'], Pop3Security> = {
  NONE: 'none',
  SSL_TLS: 'implicit',
  STARTTLS: 'starttls',
};

const authenticate = async (run: FetchRun, client: Pop3Client): Promise<void> => {
  const { auth, protocol } = run.account;
  if (protocol === 'APOP') {
    if (auth.kind !== 'password') {
      throw new FetchError(FetchErrorCode.AUTH, 'APOP authenticates with a password; OAuth is not possible with APOP', {
        command: 'APOP',
      });
    }
    await client.loginApop(auth.user, auth.password);
  } else if (auth.kind === 'password') {
    await client.loginUserPass(auth.user, auth.password);
  } else {
    await client.loginXoauth2(auth.user, auth.accessToken);
  }
};

const skipTooLarge = async (run: FetchRun, sourceKey: SourceKey, uidl: string, size: number): Promise<void> => {
  run.skippedTooLarge.push({ sourceKey, serverId: uidl, size });
  await run.state.record(run.account.accountId, [{ sourceKey, disposition: SeenDisposition.TOO_LARGE, size }], run.deps.now());
};

/**
 * A failure of our side (the store, a fault) leaves a working session: record what was
 * taken, send the DELEs of what is stored and QUIT, so those DELEs take effect and a
 * message that keeps failing cannot make every run download the same ones again. A failed connection
 * is just dropped: the server then discards the session's DELEs, which is safe.
 */
const closeAfterFailure = async (
  run: FetchRun,
  client: Pop3Client,
  error: unknown,
  flushRecords: () => Promise<void>,
  settle: () => Promise<void>,
  noteDeleted: () => void,
): Promise<void> => {
  const connectionIntact = client.usable && !(error instanceof Pop3ProtocolError) && !run.deps.signal?.aborted;
  try {
    await flushRecords();
    if (connectionIntact) {
      // Answers still on their way are read and dropped, then the DELEs of what is stored go out.
      await settle();
      await client.quit();
      noteDeleted();
    }
  } catch {
    // The original error is what the report carries.
  } finally {
    client.destroy();
  }
};
