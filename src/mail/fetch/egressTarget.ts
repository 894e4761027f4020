import { createEgressPolicy, type EgressPolicy } from '../../net/egress.js';
import type { FetchAccountConfig } from './fetchTypes.js';

/**
 * The account with its host replaced by the address the egress policy checked
 * (src/net/egress.ts), and the name kept for TLS. The fetchers and the connection test
 * connect through this, so a POP3/IMAP host can never reach a refused address, before or
 * after DNS. Throws EgressRefusedError (classified as CONNECTION) or a DNS error.
 */
export const egressTargetOf = async (account: FetchAccountConfig, egress: EgressPolicy = createEgressPolicy()): Promise<FetchAccountConfig> => {
  const target = await egress.resolve(account.host);
  const servername = account.tls?.servername ?? target.servername;
  return { ...account, host: target.address, tls: { ...account.tls, ...(servername === undefined ? {} : { servername }) } };
};
