/**
 * The fetchers' entry point: one run for one receive account. Never throws for a mail
 * problem: the report's `error` carries the classified FetchError, and whatever the run
 * imported before it stopped is in the report too.
 *
 * The caller (the scheduler) decrypts secrets, refreshes OAuth tokens, and turns
 * `skippedTooLarge`, `error.code === 'OVER_LIMIT'` etc. into status and notices.
 */
import { classifyFetchError } from './classifyFetchError.js';
import { egressTargetOf } from './egressTarget.js';
import { FetchRun } from './fetchRun.js';
import type { FetchAccountConfig, FetchDeps, FetchReport } from './fetchTypes.js';
import { fetchImap } from './imapFetcher.js';
import { fetchPop3 } from './pop3/pop3Fetcher.js';

export const fetchAccount = async (configured: FetchAccountConfig, deps: FetchDeps): Promise<FetchReport> => {
  let account: FetchAccountConfig;
  try {
    account = await egressTargetOf(configured, deps.egress);
  } catch (error) {
    return new FetchRun(configured, deps).report(classifyFetchError(error, { protocol: configured.protocol, ...(deps.signal ? { signal: deps.signal } : {}) }));
  }
  return reportedRun(account, deps, (run) => (account.protocol === 'IMAP' ? fetchImap(run) : fetchPop3(run)));
};

/** One run's body with the shared bookkeeping: abort check first, every error classified into the report. */
export const reportedRun = async (account: FetchAccountConfig, deps: FetchDeps, body: (run: FetchRun) => Promise<void>): Promise<FetchReport> => {
  const run = new FetchRun(account, deps);
  try {
    run.checkAborted();
    await body(run);
    return run.report(null);
  } catch (error) {
    return run.report(classifyFetchError(error, { protocol: account.protocol, ...(deps.signal ? { signal: deps.signal } : {}) }));
  }
};
