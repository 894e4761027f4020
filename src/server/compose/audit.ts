import { AuditLog } from '../../app/audit/auditLog.js';
import { AuditCollectorStream } from '../../app/audit/collectorStream.js';
import { AuditEvidence } from '../../app/audit/evidence.js';
import { loadAuditSigningKey, type AuditSigningKey } from '../../app/audit/signingKey.js';
import { configurationSections } from '../../app/configurationSections.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Projections } from './projections.js';
import type { Storage } from './storage.js';

export interface Audit {
  readonly key: AuditSigningKey;
  readonly evidence: AuditEvidence;
  /** The audit is handed the sections of every area (src/app/configurationSections.ts). */
  readonly log: AuditLog;
}

export const createAudit = (config: Config, storage: Storage, projections: Projections): Audit => {
  const { store } = storage;
  const db = storage.readModels.db;
  const key = loadAuditSigningKey({ envValue: config.audit.signingKey, dataDir: config.dataDir });
  // A checkpoint waits for the Merkle tree to reach the head (up to a minute on a big catch-up).
  const evidence = new AuditEvidence({ store, db, key, waitForTree: (position) => projections.runner.waitForPosition(position, 60_000) });
  return { key, evidence, log: new AuditLog(store, db, { sections: configurationSections }) };
};

/** Signed checkpoints on an interval and, when configured, the stream to an external collector. */
export const startAuditBackground = (config: Config, logger: Logger, storage: Storage, audit: Audit): AuditCollectorStream | null => {
  audit.evidence.checkpoints.startInterval(config.audit.checkpointIntervalMs, (err) => logger.error({ err }, 'audit checkpoint failed'));
  const stream = config.audit.stream
    ? new AuditCollectorStream({ store: storage.store, db: storage.readModels.db, config: config.audit.stream, logger, sections: configurationSections })
    : null;
  stream?.start();
  logger.info({ keyId: audit.key.keyId, publicKey: audit.key.publicKeyPem }, 'audit checkpoints are signed with this Ed25519 key (also at /audit/public-key)');
  return stream;
};
