/**
 * Display name and address of a From header whose encoded words are already decoded (the
 * message store does that). RFC 5322 §3.4 `name-addr` / `addr-spec`; with a group or a
 * list only the first mailbox counts, as the mail screen shows it.
 */
export const parseFromHeader = (header: string | null): { readonly name: string; readonly address: string } => {
  if (!header) return { name: '', address: '' };
  const angle = /^(.*?)<([^<>]*)>/.exec(header);
  if (angle) return { name: unquote(angle[1]!.trim()), address: angle[2]!.trim() };
  const first = header.split(',')[0]!.trim();
  const comment = /^(\S+@\S+)\s*\((.*)\)$/.exec(first);
  return comment ? { name: comment[2]!.trim(), address: comment[1]! } : { name: '', address: first };
};

const unquote = (s: string): string => (s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s);
