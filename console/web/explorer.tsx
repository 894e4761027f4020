/**
 * The explorer: GraphiQL (schema, docs, history) over the logged-in session, queries and
 * mutations over HTTP and subscriptions over graphql-ws. Its own entry point, loaded only
 * when the explorer page is opened (and not served when MAILROOM_CONSOLE_EXPLORER=false).
 */
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import type { Session } from './api.js';
import { endpoints } from './api.js';
import 'graphiql/style.css';

const DEFAULT_QUERY = `# Mailroom API explorer: Ctrl-Enter runs, Ctrl-Space completes.
query Viewer {
  viewer { id username isAdministrator memberships { mailbox { number name } roles } }
}
`;

export const mountExplorer = (element: HTMLElement, session: Session): (() => void) => {
  const fetcher = createGraphiQLFetcher({
    url: endpoints().http,
    headers: { authorization: `Bearer ${session.token}` },
    wsClient: session.client(),
  });
  const root = createRoot(element);
  root.render(<GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />);
  return () => root.unmount();
};
