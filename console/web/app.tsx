/**
 * The console shell: login, the header (pages, mailbox, language), and a hash router
 * (#/explorer, #/timeline, #/board). One page load keeps the session token in memory
 * across pages.
 */
import { StrictMode, useEffect, useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError, logIn, type Session } from './api.js';
import { bilingual, translator, type Language, type Translate } from './i18n.js';
import { ExplorerPage } from './explorerPage.js';
import { TimelinePage } from './timeline.js';
import { BoardPage } from './board.js';
import type { ConsoleSettings, MailboxRef, PageProps } from './page.js';
import './console.css';

const settings = (): ConsoleSettings => {
  const raw = document.querySelector<HTMLMetaElement>('meta[name="mailroom-console"]')?.content ?? '{}';
  try {
    return { explorer: true, ...(JSON.parse(raw) as Partial<ConsoleSettings>) };
  } catch {
    return { explorer: true };
  }
};

type PageId = 'explorer' | 'timeline' | 'board';
const PAGE_IDS: readonly PageId[] = ['explorer', 'timeline', 'board'];
const NAV_LABEL = { explorer: 'navExplorer', timeline: 'navTimeline', board: 'navBoard' } as const;

const pageFromHash = (): PageId => {
  const id = location.hash.replace(/^#\/?/, '');
  return (PAGE_IDS as readonly string[]).includes(id) ? (id as PageId) : 'timeline';
};

const Login = ({ onSession }: { onSession: (s: Session) => void }) => {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      onSession(await logIn(String(form.get('username') ?? ''), String(form.get('password') ?? '')));
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <h1>{bilingual('title')}</h1>
      <form onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
        <label>
          {bilingual('username')}
          <input name="username" autoComplete="username" required autoFocus />
        </label>
        <label>
          {bilingual('password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" disabled={busy}>{busy ? bilingual('loggingIn') : bilingual('logIn')}</button>
        {error ? <p id="login-error" role="alert" className="error">{error}</p> : null}
      </form>
    </main>
  );
};

const MAILBOXES = `query ConsoleMailboxes { mailboxes(first: 100) { edges { node { number name address } } } }`;
const LANGUAGE = `query ConsoleLanguage($n: Int!) { noticeLanguage(mailboxNumber: $n) { language } }`;

const Shell = ({ session, settings, onLogout }: { session: Session; settings: ConsoleSettings; onLogout: () => void }) => {
  const [page, setPage] = useState<PageId>(pageFromHash);
  const [mailboxes, setMailboxes] = useState<MailboxRef[] | null>(null);
  const [mailboxNumber, setMailboxNumber] = useState<number | null>(null);
  const [language, setLanguage] = useState<Language>('en');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const onHash = () => setPage(pageFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    session
      .request<{ mailboxes: { edges: { node: MailboxRef }[] } }>(MAILBOXES)
      .then((d) => {
        const list = d.mailboxes.edges.map((e) => e.node);
        setMailboxes(list);
        setMailboxNumber((n) => n ?? list[0]?.number ?? null);
      })
      .catch((e: Error) => setError(e.message));
  }, [session]);
  useEffect(() => {
    if (mailboxNumber === null) return;
    session
      .request<{ noticeLanguage: { language: Language } }>(LANGUAGE, { n: mailboxNumber })
      .then((d) => setLanguage(d.noticeLanguage.language))
      .catch(() => undefined);
  }, [session, mailboxNumber]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const t = translator(language);
  const mailbox = mailboxes?.find((m) => m.number === mailboxNumber) ?? null;
  const props: PageProps = { session, mailbox, mailboxes: mailboxes ?? [], language, t, settings };
  const logout = () => void session.logout().finally(onLogout);
  const visible = PAGE_IDS.filter((id) => id !== 'explorer' || settings.explorer);

  return (
    <div className={page === 'explorer' ? 'shell shell-wide' : 'shell'}>
      <header>
        <strong className="brand">{t('title')}</strong>
        <nav aria-label={t('title')}>
          <ul>
            {visible.map((id) => (
              <li key={id}>
                <a href={`#/${id}`} aria-current={page === id ? 'page' : undefined}>{t(NAV_LABEL[id])}</a>
              </li>
            ))}
          </ul>
        </nav>
        <label className="mailbox-pick">
          {t('mailbox')}
          <select value={mailboxNumber ?? ''} onChange={(e) => setMailboxNumber(Number(e.target.value))} disabled={!mailboxes?.length}>
            {(mailboxes ?? []).map((m) => (
              <option key={m.number} value={m.number}>{`No.${m.number} ${m.name}`}</option>
            ))}
          </select>
        </label>
        <span className="viewer">{session.viewer.username}</span>
        <button type="button" onClick={logout}>{t('logOut')}</button>
      </header>
      {error ? <p role="alert" className="error">{error}</p> : null}
      <main id="page" tabIndex={-1}>
        {mailboxes === null ? <p>{t('loading')}</p> : <Page id={page} {...props} />}
      </main>
    </div>
  );
};

const Page = ({ id, ...props }: PageProps & { id: PageId }) => {
  switch (id) {
    case 'explorer':
      return <ExplorerPage {...props} />;
    case 'timeline':
      return <TimelinePage {...props} />;
    case 'board':
      return <BoardPage {...props} />;
    default: {
      const never: never = id;
      return never;
    }
  }
};

const App = () => {
  const [session, setSession] = useState<Session | null>(null);
  const config = settings();
  return session ? <Shell session={session} settings={config} onLogout={() => setSession(null)} /> : <Login onSession={setSession} />;
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
