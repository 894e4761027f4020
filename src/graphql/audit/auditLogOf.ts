import { AuditLog } from '../../app/audit/auditLog.js';
import type { Services } from '../context.js';

const logs = new WeakMap<Services, AuditLog>();

/**
 * The audit log of a server's services. Derived from `store` and `db` alone, so it is built
 * here on first use rather than threaded through the composition root as another service.
 */
export const auditLogOf = (services: Services): AuditLog => {
  let log = logs.get(services);
  if (!log) {
    log = new AuditLog(services.store, services.db);
    logs.set(services, log);
  }
  return log;
};
