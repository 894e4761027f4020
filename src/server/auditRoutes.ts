import type { IncomingMessage, ServerResponse } from 'node:http';
import { requireChainAudit } from '../app/audit/auditAccess.js';
import type { AuditLog } from '../app/audit/auditLog.js';
import type { AuditEvidence } from '../app/audit/evidence.js';
import { exportEvidence, exportHeader } from '../app/audit/evidenceExport.js';
import type { HistoryFilter } from '../app/audit/history.js';
import { requireAdministrator, requireAuthenticated, requireMailboxAudit } from '../app/auth/authorization.js';
import type { Principal } from '../app/auth/principal.js';
import type { EventStore } from '../eventstore/port.js';
import { type ErrorCode, isMailroomError, validationError } from '../domain/shared/errors.js';
import type { TransportInfo } from '../graphql/transportInfo.js';
import type { PathRoute } from './httpRoutes.js';
import type { Logger } from './logger.js';

export interface AuditRoutesDeps {
  readonly store: EventStore;
  readonly audit: AuditLog;
  readonly evidence: AuditEvidence;
  /** The caller's principal behind the network gate, as GraphQL sees it. */
  readonly principalOf: (info: TransportInfo) => Promise<Principal | null>;
  readonly logger: Logger;
}

const STATUS: Partial<Record<ErrorCode, number>> = { VALIDATION: 400, NOT_FOUND: 404, UNAUTHENTICATED: 401, FORBIDDEN: 403, RATE_LIMITED: 429 };

const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

/** Known errors answer with their code and status; others propagate to the server's 500 (masked). */
const guarded = (handle: (req: IncomingMessage, res: ServerResponse, info: TransportInfo) => Promise<void>) => async (req: IncomingMessage, res: ServerResponse, info: TransportInfo) => {
  try {
    if (req.method !== 'GET') return sendJson(res, 405, { error: { code: 'VALIDATION', message: `Expected GET, got ${req.method}` } });
    await handle(req, res, info);
  } catch (e) {
    const status = isMailroomError(e) ? STATUS[e.code] : undefined;
    if (!status || !isMailroomError(e)) throw e;
    if (res.headersSent) return void res.destroy();
    sendJson(res, status, { error: { code: e.code, message: e.message, path: e.fieldPath } });
  }
};

const positionParam = (q: URLSearchParams, name: string): number | null => {
  const raw = q.get(name);
  if (raw === null || raw === '') return null;
  if (!/^\d+$/.test(raw)) throw validationError([name], `Expected ${name} as a position (digits), got ${JSON.stringify(raw)}`);
  return Number(raw);
};

const timeParam = (q: URLSearchParams, name: string): Date | null => {
  const raw = q.get(name);
  if (raw === null || raw === '') return null;
  const at = new Date(raw);
  if (Number.isNaN(at.getTime())) throw validationError([name], `Expected ${name} as an ISO-8601 date-time, got ${JSON.stringify(raw)}`);
  return at;
};

/**
 * The auditor's HTTP downloads, usable with curl (README "For auditors"):
 * - `GET /audit/public-key`: the checkpoint signing key, PEM; no authentication (it is public).
 * - `GET /audit/checkpoint[?position=N]`: a checkpoint as JSON, by default one signed now.
 * - `GET /audit/export?format=ndjson|csv[&mailbox=N&from=T&to=T&area=A][&since=N][&checkpoint=N]`:
 *   the log cut at a checkpoint (see src/app/audit/evidenceExport.ts), streamed in batches.
 *   Without `mailbox`: the whole log, administrators only. With it: that mailbox's setting
 *   events with inclusion proofs, for its auditors.
 */
export const auditRoutes = (deps: AuditRoutesDeps): PathRoute[] => {
  const viewer = async (info: TransportInfo) => requireAuthenticated(await deps.principalOf(info));
  return [
    {
      path: '/audit/public-key',
      handle: guarded(async (_req, res) => {
        const key = deps.evidence.key;
        res.writeHead(200, { 'content-type': 'application/x-pem-file', 'x-mailroom-key-id': key.keyId });
        res.end(key.publicKeyPem);
      }),
    },
    {
      path: '/audit/checkpoint',
      handle: guarded(async (req, res, info) => {
        requireChainAudit(await viewer(info));
        const position = positionParam(new URL(req.url ?? '/', 'http://x').searchParams, 'position');
        const checkpoints = deps.evidence.checkpoints;
        sendJson(res, 200, position === null ? await checkpoints.create() : await checkpoints.require(position, ['position']));
      }),
    },
    {
      path: '/audit/export',
      handle: guarded(async (req, res, info) => {
        const principal = await viewer(info);
        const q = new URL(req.url ?? '/', 'http://x').searchParams;
        const format = q.get('format') ?? 'ndjson';
        if (format !== 'ndjson' && format !== 'csv') throw validationError(['format'], `Expected format ndjson or csv, got ${JSON.stringify(format)}`);
        const mailbox = positionParam(q, 'mailbox');
        const from = timeParam(q, 'from');
        const to = timeParam(q, 'to');
        const area = q.get('area') || null;
        let filter: HistoryFilter | null = null;
        if (mailbox === null) {
          if (from || to || area) throw validationError(['mailbox'], 'Expected a mailbox with from, to or area: the whole log has no such filter');
          requireAdministrator(principal);
        } else {
          requireMailboxAudit(principal, mailbox);
          if (area !== null) deps.audit.prefixesOfArea(area, ['area']);
          if (from && to && from > to) throw validationError(['to'], `Expected to (${to.toISOString()}) to be after from (${from.toISOString()})`);
          filter = { mailboxNumber: mailbox, from, to, area };
        }
        const at = positionParam(q, 'checkpoint');
        const checkpoint = at === null ? await deps.evidence.checkpoints.create() : await deps.evidence.checkpoints.require(at, ['checkpoint']);
        const since = positionParam(q, 'since');
        if (since !== null && since > checkpoint.position) throw validationError(['since'], `Expected since to be at most the checkpoint's ${checkpoint.position}, got ${since}`);
        const options = { store: deps.store, audit: deps.audit, tree: deps.evidence.checkpoints.tree, checkpoint, filter, format, since } as const;
        // Built before the first byte, so its errors still get a status.
        const header = await exportHeader(options);
        const name = `mailroom-audit-${mailbox === null ? 'log' : `mailbox-${mailbox}`}-${checkpoint.position}.${format}`;
        res.writeHead(200, {
          'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
          'content-disposition': `attachment; filename="${name}"`,
          'mailroom-checkpoint': JSON.stringify(checkpoint),
          'cache-control': 'no-store',
        });
        try {
          await exportEvidence(options, res, header);
          res.end();
        } catch (err) {
          deps.logger.warn({ err, checkpoint: checkpoint.position }, 'audit export ended early');
          res.destroy();
        }
      }),
    },
  ];
};
