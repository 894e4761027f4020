/**
 * Fetch board: every receive account of the mailboxes the user can see, with its live
 * status and last error (`fetchStatusChanged`; `settingsChanged` for accounts added,
 * changed or removed), and the last 24 hours of runs and errors.
 */
import { useCallback, useEffect, useState } from 'react';
import { formatTime, type Translate } from './i18n.js';
import type { MailboxRef, PageProps } from './page.js';
import { RunChart, sumBuckets, type Bucket } from './runChart.js';

interface Status {
  readonly accountId: string;
  readonly state: 'IDLE' | 'FETCHING' | 'OK' | 'ERROR';
  readonly lastAttemptAt: string | null;
  readonly lastFinishedAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly consecutiveFailures: number;
  readonly importedTotal: number;
  readonly lastError: { readonly code: string; readonly message: string; readonly raisedAt: string; readonly clearedAt: string | null } | null;
}

interface Account {
  readonly id: string;
  readonly displayName: string;
  readonly protocol: string;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly enabled: boolean;
  readonly status: Status;
}

const STATUS_FIELDS = 'accountId state lastAttemptAt lastFinishedAt lastSuccessAt consecutiveFailures importedTotal lastError { code message raisedAt clearedAt }';
const MAILBOX_BOARD = `query ConsoleBoard($n: Int!) {
  receiveSettings(mailboxNumber: $n) { accounts { id displayName protocol host port username enabled status { ${STATUS_FIELDS} } } }
  fetchRunHistory(mailboxNumber: $n, hours: 24) { buckets { start runs failures } }
}`;
const HISTORY = `query ConsoleRunHistory($n: Int!) { fetchRunHistory(mailboxNumber: $n, hours: 24) { buckets { start runs failures } } }`;
const STATUS_LIVE = `subscription ConsoleFetchStatus($n: Int!) { fetchStatusChanged(mailboxNumber: $n) { ${STATUS_FIELDS} } }`;
const SETTINGS_LIVE = `subscription ConsoleBoardSettings($n: Int!) { settingsChanged(mailboxNumber: $n) { position section } }`;

interface MailboxBoard {
  readonly accounts: readonly Account[];
  readonly buckets: readonly Bucket[];
  readonly error: string | null;
  readonly updatedAt: string;
}

const AccountRows = ({ mailbox, board, t, language }: { mailbox: MailboxRef; board: MailboxBoard; t: Translate; language: PageProps['language'] }) => (
  <section aria-labelledby={`board-${mailbox.number}`}>
    <h2 id={`board-${mailbox.number}`}>
      No.{mailbox.number} {mailbox.name} <small>&lt;{mailbox.address}&gt;</small>
    </h2>
    {board.error ? <p className="error">{board.error}</p> : board.accounts.length === 0 ? <p>{t('noAccounts')}</p> : (
      <table>
        <thead>
          <tr>
            <th scope="col">{t('account')}</th>
            <th scope="col">{t('state')}</th>
            <th scope="col">{t('lastRun')}</th>
            <th scope="col">{t('lastSuccess')}</th>
            <th scope="col">{t('failures')}</th>
            <th scope="col">{t('imported')}</th>
            <th scope="col">{t('lastError')}</th>
          </tr>
        </thead>
        <tbody>
          {board.accounts.map((a) => (
            <tr key={a.id} data-account={a.id}>
              <th scope="row">
                {a.displayName || a.username}
                <br />
                <small>
                  {a.protocol} {a.username}@{a.host}:{a.port}
                  {a.enabled ? '' : ` (${t('disabled')})`}
                </small>
              </th>
              <td className={`state state-${a.status.state}`} data-testid="state">{t(`state_${a.status.state}`)}</td>
              <td>{formatTime(language, a.status.lastFinishedAt ?? a.status.lastAttemptAt)}</td>
              <td>{formatTime(language, a.status.lastSuccessAt)}</td>
              <td>{a.status.consecutiveFailures}</td>
              <td>{a.status.importedTotal}</td>
              <td data-testid="last-error">
                {a.status.lastError ? (
                  <>
                    <code>{a.status.lastError.code}</code> {a.status.lastError.message}
                    <br />
                    <small>{formatTime(language, a.status.lastError.raisedAt)}{a.status.lastError.clearedAt ? ` → ${formatTime(language, a.status.lastError.clearedAt)}` : ''}</small>
                  </>
                ) : t('none')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
);

export const BoardPage = ({ session, mailboxes, t, language }: PageProps) => {
  const [boards, setBoards] = useState<ReadonlyMap<number, MailboxBoard>>(new Map());
  const put = useCallback((n: number, update: (b: MailboxBoard | undefined) => MailboxBoard) => setBoards((m) => new Map(m).set(n, update(m.get(n)))), []);

  const load = useCallback(
    async (n: number) => {
      try {
        const d = await session.request<{ receiveSettings: { accounts: Account[] }; fetchRunHistory: { buckets: Bucket[] } }>(MAILBOX_BOARD, { n });
        put(n, () => ({ accounts: d.receiveSettings.accounts, buckets: d.fetchRunHistory.buckets, error: null, updatedAt: new Date().toISOString() }));
      } catch (e) {
        put(n, () => ({ accounts: [], buckets: [], error: (e as Error).message, updatedAt: new Date().toISOString() }));
      }
    },
    [session, put],
  );

  useEffect(() => {
    for (const m of mailboxes) void load(m.number);
    const stops = mailboxes.flatMap((m) => [
      session.subscribe<{ fetchStatusChanged: Status }>(STATUS_LIVE, { n: m.number }, ({ fetchStatusChanged: s }) => {
        put(m.number, (b) => (b ? { ...b, accounts: b.accounts.map((a) => (a.id === s.accountId ? { ...a, status: s } : a)), updatedAt: new Date().toISOString() } : b!));
        // A run finished: it is in the chart now.
        if (s.state !== 'FETCHING') {
          void session
            .request<{ fetchRunHistory: { buckets: Bucket[] } }>(HISTORY, { n: m.number })
            .then((d) => put(m.number, (b) => ({ ...b!, buckets: d.fetchRunHistory.buckets })))
            .catch(() => undefined);
        }
      }, () => undefined),
      // Accounts added, changed or removed (operations administrators and auditors only; others reload to see them).
      session.subscribe<{ settingsChanged: { section: string | null } }>(SETTINGS_LIVE, { n: m.number }, ({ settingsChanged: e }) => {
        if (e.section?.startsWith('inbound.')) void load(m.number);
      }, () => undefined),
    ]);
    return () => stops.forEach((stop) => stop());
  }, [session, mailboxes, load, put]);

  const all = mailboxes.map((m) => boards.get(m.number)).filter((b): b is MailboxBoard => b !== undefined);
  return (
    <section aria-labelledby="board-title" className="board">
      <h1 id="board-title">{t('navBoard')}</h1>
      <RunChart buckets={sumBuckets(all.map((b) => b.buckets))} t={t} language={language} />
      <div aria-live="polite">
        {mailboxes.map((m) => {
          const b = boards.get(m.number);
          return b ? <AccountRows key={m.number} mailbox={m} board={b} t={t} language={language} /> : <p key={m.number}>{t('loading')}</p>;
        })}
      </div>
    </section>
  );
};
