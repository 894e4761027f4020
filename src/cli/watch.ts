import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const SETTINGS_CHANGED = `subscription ($mailboxNumber: Int!) {
  settingsChanged(mailboxNumber: $mailboxNumber) { position type mailboxNumber recordedAt actor { username } clientIp reason correlationId }
}`;

/** A graphql-ws client as a dashboard would write it; resolves when the server ends the subscription. */
export const watchSettings = (url: string, token: string, mailboxNumber: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    client.subscribe(
      { query: SETTINGS_CHANGED, variables: { mailboxNumber } },
      {
        next: (msg) => process.stdout.write(JSON.stringify(msg.errors ? { errors: msg.errors } : msg.data?.settingsChanged) + '\n'),
        error: (err) => {
          void client.dispose();
          reject(err instanceof Error ? err : new Error(JSON.stringify(err)));
        },
        complete: () => {
          void client.dispose();
          resolve();
        },
      },
    );
    process.stderr.write(`watching setting events of mailbox ${mailboxNumber} on ${url} (Ctrl-C to stop)\n`);
  });
