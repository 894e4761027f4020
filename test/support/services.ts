/**
 * Tests that need a real service (PostgreSQL, Dovecot, …) call `requireService`. On a
 * developer laptop a missing service skips the suite with a printed reason; under
 * CI=true it fails, so a green CI run always exercised every peer.
 */
export const isCI = (): boolean => process.env.CI === 'true' || process.env.CI === '1';

export interface ServiceCheck {
  readonly available: boolean;
  readonly reason: string;
}

export const requireService = (name: string, check: ServiceCheck): boolean => {
  if (check.available) return true;
  const message = `${name} unavailable: ${check.reason}`;
  if (isCI()) throw new Error(`${message} (CI=true: a missing service is a failure, not a skip)`);
  console.warn(`SKIP ${message}`);
  return false;
};
