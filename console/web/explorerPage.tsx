import { useEffect, useRef, useState } from 'react';
import type { Session } from './api.js';
import type { PageProps } from './page.js';

/** Served as its own entry (see console/build.ts); a variable keeps esbuild from inlining it. */
const EXPLORER_MODULE = '/console/assets/explorer.js';
const EXPLORER_CSS = '/console/assets/explorer.css';

interface ExplorerModule {
  mountExplorer(element: HTMLElement, session: Session): () => void;
}

const loadCss = (href: string) => {
  if (document.querySelector(`link[href="${href}"]`)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
};

export const ExplorerPage = ({ session, settings, t }: PageProps) => {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!settings.explorer || !host.current) return;
    let unmount: (() => void) | null = null;
    let cancelled = false;
    loadCss(EXPLORER_CSS);
    (import(/* @vite-ignore */ EXPLORER_MODULE) as Promise<ExplorerModule>)
      .then((mod) => {
        if (!cancelled && host.current) unmount = mod.mountExplorer(host.current, session);
      })
      .catch((e: Error) => setError(e.message));
    return () => {
      cancelled = true;
      // React refuses to unmount a root while rendering another; defer it.
      const u = unmount;
      if (u) queueMicrotask(u);
    };
  }, [session, settings.explorer]);
  if (!settings.explorer) return <p role="status">{t('explorerOff')}</p>;
  return (
    <>
      <h1 className="visually-hidden">{t('navExplorer')}</h1>
      {error ? <p role="alert" className="error">{error}</p> : null}
      <div ref={host} className="explorer" />
    </>
  );
};
