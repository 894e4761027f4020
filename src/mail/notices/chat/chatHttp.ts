import { isEgressRefused, type EgressPolicy } from '../../../net/egress.js';
import { egressFetch } from '../../../net/egressHttp.js';
import { NoticeDeliveryError } from '../notice.js';
import type { ChatRequest } from './chatRequests.js';

/** What the provider answered: shown to operators, so the body is an excerpt. */
export interface ProviderAnswer {
  readonly status: number;
  readonly bodyExcerpt: string;
  /** `Retry-After` as given, if any. */
  readonly retryAfter: string | null;
}

const EXCERPT = 500;

/**
 * Posts a request through the egress policy; a network error or timeout is a retryable
 * NoticeDeliveryError (no status to show), a refused address a permanent one. A redirect
 * is not followed (egressFetch): its 3xx is the answer, refused as any other non-2xx.
 */
export const postChatRequest = async (request: ChatRequest, timeoutMs: number, egress: EgressPolicy): Promise<ProviderAnswer> => {
  let response: Response;
  try {
    response = await egressFetch(egress, request.url, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(timeoutMs), maxResponseBytes: 64 * 1024 });
  } catch (err) {
    if (isEgressRefused(err)) throw new NoticeDeliveryError(`Chat provider refused by the egress policy: ${err.message}`, { permanent: true });
    const e = err as Error;
    const reason = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `${e.message}${e.cause instanceof Error ? `: ${e.cause.message}` : ''}`;
    throw new NoticeDeliveryError(`Chat provider unreachable (${reason})`);
  }
  const text = await response.text().catch(() => '');
  return { status: response.status, bodyExcerpt: text.slice(0, EXCERPT), retryAfter: response.headers.get('retry-after') };
};

/** `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date; null when absent or unreadable. */
export const parseRetryAfter = (value: string | null, now: Date): Date | null => {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return new Date(now.getTime() + Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : new Date(at);
};

/**
 * 2xx delivered; 429 retried at `Retry-After`; 5xx (and 408) retried with backoff; any
 * other status is the provider refusing this request (bad token, removed webhook, unknown
 * room) and no retry changes that, so it fails at once with the answer recorded.
 */
export const requireAccepted = (answer: ProviderAnswer, now: Date): void => {
  if (answer.status >= 200 && answer.status < 300) return;
  const message = `Chat provider answered HTTP ${answer.status}${answer.bodyExcerpt ? `: ${answer.bodyExcerpt}` : ''}`;
  if (answer.status === 429) throw new NoticeDeliveryError(message, { retryAt: parseRetryAfter(answer.retryAfter, now) });
  if (answer.status >= 500 || answer.status === 408) throw new NoticeDeliveryError(message);
  throw new NoticeDeliveryError(message, { permanent: true });
};
