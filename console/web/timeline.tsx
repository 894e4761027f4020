/**
 * Audit timeline: the setting events of the picked mailbox in a time range (who, when,
 * from which IP, why, and what changed), live through `settingsChanged`; "as of" opens the
 * whole configuration at that event with the differences to now; the hash chain's state.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ConfigDocument, formatValue, type FieldChange, type SectionView } from './configDocument.js';
import { formatTime, type Translate } from './i18n.js';
import type { PageProps } from './page.js';

interface SettingEvent {
  readonly position: number;
  readonly type: string;
  readonly section: string | null;
  readonly occurredAt: string;
  readonly actorId: string | null;
  readonly actor: { readonly username: string } | null;
  readonly clientIp: string | null;
  readonly reason: string | null;
  readonly summary: string;
  readonly changes: readonly FieldChange[];
}

const EVENT_FIELDS = `position type section occurredAt actorId actor { username } clientIp reason summary changes { section field before after secret }`;
const HISTORY = `query ConsoleHistory($filter: SettingsHistoryFilter!, $after: String) {
  settingsHistory(filter: $filter, first: 100, after: $after) { edges { node { ${EVENT_FIELDS} } } pageInfo { hasNextPage endCursor } }
}`;
const LIVE = `subscription ConsoleSettingsChanged($n: Int!) { settingsChanged(mailboxNumber: $n) { ${EVENT_FIELDS} } }`;
const AS_OF = `query ConsoleAsOf($n: Int!, $position: Int!) {
  then: configurationAsOf(mailboxNumber: $n, position: $position) { position sections { name value } }
  diff: configurationDiff(mailboxNumber: $n, from: { position: $position }, to: {}) { toPosition changes { section field before after secret } }
}`;
const CHAIN = `query ConsoleChain { verifyAuditChain { ok eventsChecked firstBrokenPosition reason toPosition } }`;
const CHECKPOINT = `query ConsoleCheckpoint { auditCheckpoints(first: 1) { position rootHash time keyId } }`;

interface Checkpoint {
  readonly position: number;
  readonly rootHash: string;
  readonly time: string;
  readonly keyId: string;
}

/** Pages through the whole range; a mailbox's settings change rarely, 20 pages is far beyond a screen. */
const MAX_PAGES = 20;

const toLocalInput = (d: Date): string => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

interface Range {
  readonly from: string;
  /** Empty: up to now, and live. */
  readonly to: string;
}

const ChangesTable = ({ changes, t }: { changes: readonly FieldChange[]; t: Translate }) =>
  changes.length === 0 ? null : (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('field')}</th>
          <th scope="col">{t('before')}</th>
          <th scope="col">{t('after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field}>
            <th scope="row"><code>{c.field}</code></th>
            {c.secret ? <td colSpan={2}>{t('secretChanged')}</td> : (
              <>
                <td className="before"><code>{formatValue(c.before)}</code></td>
                <td className="after"><code>{formatValue(c.after)}</code></td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );

interface AsOfView {
  readonly event: SettingEvent;
  readonly sections: readonly SectionView[];
  readonly changes: readonly FieldChange[];
}

const AsOfDialog = ({ view, onClose, t, language }: { view: AsOfView; onClose: () => void; t: Translate; language: PageProps['language'] }) => {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    // A modal <dialog>: focus moves into it, Escape closes it, focus returns afterwards.
    <dialog ref={ref} onClose={onClose} aria-labelledby="as-of-title">
      <div className="dialog-head">
        <h2 id="as-of-title">
          {language === 'ja'
            ? `${formatTime(language, view.event.occurredAt)} (#${view.event.position}) ${t('asOfTitle')}`
            : `${t('asOfTitle')} ${formatTime(language, view.event.occurredAt)} (#${view.event.position})`}
        </h2>
        <form method="dialog">
          <button type="submit" autoFocus>{t('close')}</button>
        </form>
      </div>
      <p>
        <strong>{view.changes.length}</strong> {t('changedSinceCount')}
      </p>
      <ConfigDocument sections={view.sections} changes={view.changes} t={t} />
    </dialog>
  );
};

const ChainStatus = ({ session, t, language, refreshKey }: Pick<PageProps, 'session' | 't' | 'language'> & { refreshKey: number }) => {
  // undefined: loading; null: none signed yet.
  const [checkpoint, setCheckpoint] = useState<Checkpoint | null | undefined>(undefined);
  useEffect(() => {
    session
      .request<{ auditCheckpoints: readonly Checkpoint[] }>(CHECKPOINT)
      .then((d) => setCheckpoint(d.auditCheckpoints[0] ?? null))
      .catch(() => setCheckpoint(null));
  }, [session, refreshKey]);
  const [chain, setChain] = useState<{ ok: boolean; eventsChecked: number; firstBrokenPosition: number | null; reason: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    session
      .request<{ verifyAuditChain: NonNullable<typeof chain> }>(CHAIN)
      .then((d) => setChain(d.verifyAuditChain))
      .catch((e: Error) => setError(e.message));
  }, [session, refreshKey]);
  return (
    <div className="status-line" aria-live="polite">
      <div data-testid="chain">
        {t('chain')}:{' '}
        {error ? <span className="error">{error}</span> : !chain ? t('loading') : chain.ok ? (
          <span className="ok">{t('chainOk')}</span>
        ) : (
          <span className="broken">{t('chainBroken')} {chain.firstBrokenPosition} ({chain.reason})</span>
        )}
        {chain ? <span> · {chain.eventsChecked} {t('eventsChecked')}</span> : null}
      </div>
      {/* The newest signed checkpoint (RFC 9162 tree head): what an auditor keeps elsewhere. */}
      <div data-testid="checkpoint">
        {t('checkpoint')}:{' '}
        {checkpoint === undefined ? (
          t('loading')
        ) : checkpoint === null ? (
          <span>{t('checkpointNone')}</span>
        ) : (
          <span>
            #{checkpoint.position} · {formatTime(language, checkpoint.time)} · <code>{checkpoint.rootHash.slice(0, 16)}…</code> · {t('checkpointKey')} <code>{checkpoint.keyId}</code>
          </span>
        )}
      </div>
    </div>
  );
};

export const TimelinePage = ({ session, mailbox, t, language }: PageProps) => {
  const [range, setRange] = useState<Range>(() => ({ from: toLocalInput(new Date(Date.now() - 7 * 24 * 3600_000)), to: '' }));
  const [events, setEvents] = useState<SettingEvent[] | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [asOf, setAsOf] = useState<AsOfView | null>(null);
  const [chainKey, setChainKey] = useState(0);
  const n = mailbox?.number ?? null;

  useEffect(() => {
    if (n === null) return;
    let cancelled = false;
    setEvents(null);
    setError(null);
    (async () => {
      const all: SettingEvent[] = [];
      let after: string | null = null;
      for (let i = 0; i < MAX_PAGES; i++) {
        const filter = { mailboxNumber: n, from: new Date(range.from).toISOString(), ...(range.to ? { to: new Date(range.to).toISOString() } : {}) };
        const d: { settingsHistory: { edges: { node: SettingEvent }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
          await session.request(HISTORY, { filter, after });
        all.push(...d.settingsHistory.edges.map((e) => e.node));
        if (!d.settingsHistory.pageInfo.hasNextPage) break;
        after = d.settingsHistory.pageInfo.endCursor;
      }
      if (!cancelled) setEvents(all.reverse());
    })().catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
  }, [session, n, range]);

  useEffect(() => {
    // Only an open range (up to now) grows.
    if (n === null || range.to) return;
    return session.subscribe<{ settingsChanged: SettingEvent }>(
      LIVE,
      { n },
      ({ settingsChanged: e }) => {
        setEvents((list) => (list && !list.some((x) => x.position === e.position) ? [e, ...list] : list));
        setFresh((s) => new Set(s).add(e.position));
        setChainKey((k) => k + 1);
      },
      (message) => setError(message),
    );
  }, [session, n, range.to]);

  const openAsOf = useCallback(
    async (event: SettingEvent) => {
      if (n === null) return;
      try {
        const d = await session.request<{ then: { sections: SectionView[] }; diff: { changes: FieldChange[] } }>(AS_OF, { n, position: event.position });
        setAsOf({ event, sections: d.then.sections, changes: d.diff.changes });
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [session, n],
  );

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setRange({ from: String(form.get('from') ?? ''), to: String(form.get('to') ?? '') });
  };

  if (!mailbox) return <p>{t('noEvents')}</p>;
  return (
    <section aria-labelledby="timeline-title">
      <h1 id="timeline-title">
        {t('navTimeline')}: No.{mailbox.number} {mailbox.name}
      </h1>
      <form className="toolbar" onSubmit={submit}>
        <label>
          {t('from')}
          <input type="datetime-local" name="from" defaultValue={range.from} required />
        </label>
        <label>
          {t('to')}
          <input type="datetime-local" name="to" defaultValue={range.to} />
        </label>
        <button type="submit">{t('show')}</button>
        {!range.to ? <span className="live-note">{t('live')}</span> : null}
      </form>
      <ChainStatus session={session} t={t} language={language} refreshKey={chainKey} />
      {error ? <p role="alert" className="error">{error}</p> : null}
      {events === null ? <p>{t('loading')}</p> : events.length === 0 ? <p>{t('noEvents')}</p> : null}
      <ol className="timeline" aria-live="polite" aria-relevant="additions">
        {(events ?? []).map((e) => (
          <li key={e.position} className={fresh.has(e.position) ? 'fresh' : undefined} data-position={e.position}>
            <div className="event-head">
              <span className="type">{e.type}</span>
              <dl>
                <div><dt>{t('when')}</dt><dd><time dateTime={e.occurredAt}>{formatTime(language, e.occurredAt)}</time></dd></div>
                <div><dt>{t('who')}</dt><dd>{e.actor?.username ?? (e.actorId ? e.actorId : t('server'))}</dd></div>
                <div><dt>{t('ip')}</dt><dd>{e.clientIp ?? t('none')}</dd></div>
                <div><dt>{t('reason')}</dt><dd>{e.reason ?? t('none')}</dd></div>
              </dl>
            </div>
            <p className="summary">{e.summary}</p>
            <ChangesTable changes={e.changes} t={t} />
            <button type="button" onClick={() => void openAsOf(e)}>{t('asOf')} (#{e.position})</button>
          </li>
        ))}
      </ol>
      {asOf ? <AsOfDialog view={asOf} onClose={() => setAsOf(null)} t={t} language={language} /> : null}
    </section>
  );
};
