/**
 * Which mailbox an event belongs to, if any. Convention for every area: mailbox-scoped
 * events carry `mailboxNumber` in their data; the identity mailbox aggregate predates it
 * and is recognised by its stream id `mailbox-<No>`.
 */
export const mailboxNumberOf = (event: { readonly streamId: string; readonly data: unknown }): number | null => {
  const data = event.data as { mailboxNumber?: unknown } | null;
  if (data && typeof data.mailboxNumber === 'number') return data.mailboxNumber;
  const m = /^mailbox-(\d+)$/.exec(event.streamId);
  return m ? Number(m[1]) : null;
};
