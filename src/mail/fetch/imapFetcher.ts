/**
 * IMAP fetch (imapflow): INBOX only, UNSEEN only (manual: INBOX かつ未読のメールのみ).
 *
 * Order: size check (RFC822.SIZE, batched) → download (one UID FETCH for the small
 * messages of a batch, streamed) → group commit to the store → \Seen for the batch. The
 * store is idempotent per (account, UIDVALIDITY, UID), so a crash after a commit and
 * before \Seen makes the next run find the messages still UNSEEN, see them already stored
 * and only set \Seen (no second download, no second import). \Seen is set in batches: a
 * lost batch costs that one STORE again, never a duplicate.
 *
 * UIDVALIDITY change (RFC 9051 §2.3.1.1: every UID may now name another message): the
 * rule "take UNSEEN" still holds, so unseen messages are taken again, except that until a
 * run under the new UIDVALIDITY completes, a message whose raw bytes equal one this
 * account stored under an earlier UIDVALIDITY is only marked \Seen, not imported twice.
 * That covers the one message a crash can leave stored-but-unseen at the moment the
 * server re-numbers. The new value is recorded only once such a run completes.
 */
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { imapSourceKey, type SourceKey } from '../messageStore/messageStore.js';
import { SeenDisposition } from './fetchStateStore.js';
import type { FetchRun } from './fetchRun.js';
import { timeoutsOf } from './fetchRun.js';
import type { FetchAccountConfig, FetchLimits } from './fetchTypes.js';
import { MessageCollector } from './incomingMessage.js';

/** UIDs per size FETCH, per body FETCH of small messages and per \Seen STORE. */
const BATCH = 200;
/** Partial FETCH window (RFC 9051 §6.4.5 BODY[]<start.len>): at most this much in one IMAP literal. */
const CHUNK = 1024 * 1024;

export const fetchImap = async (run: FetchRun): Promise<void> => {
  const { deps } = run;
  const client = new ImapFlow(imapOptions(run.account, run.limits));
  // imapflow emits 'error' for connection failures it also rejects with; unhandled, the
  // event would crash the process.
  client.on('error', () => {});
  const abort = () => client.close();
  deps.signal?.addEventListener('abort', abort, { once: true });
  run.bytesRead = () => client.stats().received;
  try {
    await client.connect();
    await takeUnseen(run, client);
    await client.logout();
  } finally {
    deps.signal?.removeEventListener('abort', abort);
    if (client.usable) client.close();
  }
};

/**
 * One pass over INBOX on a connected client: the polling run's connection, or a
 * long-lived IDLE connection (imapIdle.ts) that already has INBOX selected, whose
 * IMAP commands here break the IDLE (imapflow sends DONE first).
 */
export const takeUnseen = async (run: FetchRun, client: ImapFlow): Promise<void> => {
  const { account, deps } = run;
  const selected = client.mailbox;
  const inbox = selected && selected.path === 'INBOX' ? selected : await client.mailboxOpen('INBOX');
  run.serverMessages = inbox.exists;
  const uidValidity = String(inbox.uidValidity);
  const previous = await run.state.getUidValidity(account.accountId);
  // Recorded up front on the first run, so that even a first run that crashes leaves the
  // reference a later re-numbering is detected against.
  if (previous === undefined) await run.state.setUidValidity(account.accountId, uidValidity, deps.now());
  const renumbered = previous !== undefined && previous !== uidValidity;
  if (renumbered) run.uidValidityChanged = { from: previous, to: uidValidity };

  const unseen = (await client.search({ seen: false }, { uid: true })) || [];
  unseen.sort((a, b) => a - b);
  const present = new Set<SourceKey>();
  for (let i = 0; i < unseen.length; i += BATCH) {
    const batch = unseen.slice(i, i + BATCH);
    const toMarkSeen = await takeBatch(run, client, uidValidity, batch, renumbered, present);
    if (toMarkSeen.length > 0) await client.messageFlagsAdd(toMarkSeen, ['\\Seen'], { uid: true });
  }
  // Too-large entries of messages that are no longer unseen (read or deleted elsewhere).
  await run.state.prune(account.accountId, present, 'imap:');
  if (renumbered) await run.state.setUidValidity(account.accountId, uidValidity, deps.now());
};

const takeBatch = async (
  run: FetchRun,
  client: ImapFlow,
  uidValidity: string,
  batch: number[],
  renumbered: boolean,
  present: Set<SourceKey>,
): Promise<number[]> => {
  const { account, limits } = run;
  const sizes = new Map<number, number>();
  for await (const message of client.fetch(batch, { uid: true, size: true }, { uid: true })) {
    if (message.size !== undefined) sizes.set(message.uid, message.size);
  }
  const keys = batch.map((uid) => imapSourceKey(uidValidity, uid));
  for (const key of keys) present.add(key);
  const known = await run.state.lookup(account.accountId, keys);
  const stored = await run.store.storedSourceKeys(account.accountId, keys);
  const toMarkSeen: number[] = [];
  // Consecutive small messages, downloaded with one FETCH (see fetchSmall).
  let small: number[] = [];
  const fetchPending = async () => {
    if (small.length === 0) return;
    const uids = small;
    small = [];
    await fetchSmall(run, client, uids, uidValidity, renumbered, toMarkSeen);
  };

  for (const uid of batch) {
    run.checkAborted();
    const size = sizes.get(uid);
    // Expunged by another client since SEARCH.
    if (size === undefined) continue;
    const sourceKey = imapSourceKey(uidValidity, uid);
    if (known.get(sourceKey) === SeenDisposition.TOO_LARGE) {
      run.tooLargeStillOnServer++;
      continue;
    }
    if (size > limits.maxMessageBytes) {
      await skipTooLarge(run, sourceKey, uid, size);
      continue;
    }
    if (stored.has(sourceKey)) {
      run.recovered++;
      toMarkSeen.push(uid);
      continue;
    }
    if (size < CHUNK) {
      small.push(uid);
      continue;
    }
    await fetchPending();
    const collector = await download(client, uid, size, limits.maxMessageBytes);
    if (collector !== null) await take(run, uid, uidValidity, collector, renumbered, toMarkSeen);
  }
  await fetchPending();
  // \Seen only for what is committed: the caller's STORE follows.
  await run.commitStaged();
  return toMarkSeen;
};

/**
 * Small messages (announced under one window) with one UID FETCH for all of them instead
 * of a round trip each: the server streams them back to back while earlier ones are being
 * stored. imapflow hands over one response at a time and reads no further until it is
 * consumed, so the rest waits in the socket buffers, not in our memory. A message the
 * server under-announced fills the whole window; it is dropped here and downloaded on its
 * own afterwards (no other command can be sent while the FETCH streams).
 */
const fetchSmall = async (
  run: FetchRun,
  client: ImapFlow,
  uids: number[],
  uidValidity: string,
  renumbered: boolean,
  toMarkSeen: number[],
): Promise<void> => {
  const { limits } = run;
  const wanted = new Set(uids);
  const longer: number[] = [];
  const query = { uid: true, source: { start: 0, maxLength: CHUNK } };
  for await (const answer of client.fetch(uids.join(','), query, { uid: true })) {
    run.checkAborted();
    if (!wanted.delete(answer.uid) || !answer.source) continue;
    if (answer.source.length >= CHUNK) {
      longer.push(answer.uid);
      continue;
    }
    const collector = new MessageCollector(limits.maxMessageBytes, answer.source.length);
    collector.push(answer.source);
    await take(run, answer.uid, uidValidity, collector, renumbered, toMarkSeen);
  }
  for (const uid of longer) {
    run.checkAborted();
    const collector = await download(client, uid, CHUNK, limits.maxMessageBytes);
    if (collector !== null) await take(run, uid, uidValidity, collector, renumbered, toMarkSeen);
  }
};

/** A downloaded message: skipped as too large, recognised as stored before a re-numbering, or staged for the group commit. */
const take = async (
  run: FetchRun,
  uid: number,
  uidValidity: string,
  collector: MessageCollector,
  renumbered: boolean,
  toMarkSeen: number[],
): Promise<void> => {
  const sourceKey = imapSourceKey(uidValidity, uid);
  if (collector.overflowed) {
    await skipTooLarge(run, sourceKey, uid, collector.size);
    return;
  }
  const message = collector.finish();
  if (renumbered) {
    const same = await run.store.findSameMail(run.account.accountId, {
      ...message,
      excludeSourceKey: sourceKey,
      bytesOnly: true,
      sourceKeyPrefix: 'imap:',
    });
    if (same && !same.sourceKey.startsWith(`imap:${uidValidity}:`)) {
      run.recovered++;
      toMarkSeen.push(uid);
      return;
    }
  }
  await run.stage(message, sourceKey, () => {
    toMarkSeen.push(uid);
  });
};

const skipTooLarge = async (run: FetchRun, sourceKey: SourceKey, uid: number, size: number): Promise<void> => {
  run.skippedTooLarge.push({ sourceKey, serverId: String(uid), size });
  await run.state.record(run.account.accountId, [{ sourceKey, disposition: SeenDisposition.TOO_LARGE, size }], run.deps.now());
};

/** The raw message in CHUNK windows, BODY.PEEK so the server does not set \Seen itself. Null: expunged meanwhile. */
const download = async (client: ImapFlow, uid: number, size: number, maxBytes: number): Promise<MessageCollector | null> => {
  const collector = new MessageCollector(maxBytes, size);
  for (let start = 0; ; start += CHUNK) {
    const answer = await client.fetchOne(String(uid), { uid: true, source: { start, maxLength: CHUNK } }, { uid: true });
    if (!answer || !answer.source) return start === 0 ? null : collector;
    collector.push(answer.source);
    // A short window is the end; a server that ignores the partial sends everything at once.
    if (answer.source.length < CHUNK || collector.overflowed) return collector;
  }
};

export const imapOptions = (account: FetchAccountConfig, limits: FetchLimits): ImapFlowOptions => {
  const timeouts = timeoutsOf(account);
  const tls = account.tls ?? {};
  return {
    host: account.host,
    port: account.port,
    secure: account.encryption === 'SSL_TLS',
    // STARTTLS is required when chosen (a stripped capability must fail, not downgrade);
    // NONE means no TLS at all, as configured.
    doSTARTTLS: account.encryption === 'STARTTLS' ? true : account.encryption === 'NONE' ? false : undefined,
    ...(tls.servername === undefined ? {} : { servername: tls.servername }),
    auth:
      account.auth.kind === 'password'
        ? { user: account.auth.user, pass: account.auth.password }
        : { user: account.auth.user, accessToken: account.auth.accessToken },
    tls: {
      rejectUnauthorized: tls.rejectUnauthorized ?? true,
      ...(tls.ca === undefined ? {} : { ca: tls.ca }),
    },
    logger: false,
    disableAutoIdle: true,
    clientInfo: { name: 'Mailroom' },
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.idleMs,
    // One window plus framing; a server ignoring the partial for a huge message fails the
    // connection instead of filling memory.
    maxLiteralSize: Math.max(CHUNK, limits.maxMessageBytes) + 64 * 1024,
  };
};
