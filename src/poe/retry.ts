// When to try a request again. Reads retry on 429, 5xx and broken connections; writes only when the request surely
// did not take effect (429, or a connection that was never made), so a fault never makes a write happen twice.
// Plugged into undici's own retry interceptor (see client.ts), which does the re-dispatching.

import type { RateLimiter } from './limiter';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 4, baseDelayMs: 1000, maxDelayMs: 30_000 };

const READ_METHODS = new Set(['GET', 'HEAD']);
const RETRY_STATUS_READ = new Set([429, 500, 502, 503, 504]);
/** Errors that mean the request never reached Poe: safe to send again, even for a write. */
export const NOT_SENT = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'ENOTFOUND', 'EAI_AGAIN']);
/** Errors after which a read can be sent again (a write might have been applied). */
const BROKEN = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

type Headers = Record<string, string | string[] | undefined>;
interface RetryError { statusCode?: number; code?: string; headers?: Headers; name?: string }

export function shouldRetry(method: string, err: RetryError): boolean {
  const read = READ_METHODS.has(method.toUpperCase());
  if (err.statusCode !== undefined && err.code === 'UND_ERR_REQ_RETRY') {
    return err.statusCode === 429 || (read && RETRY_STATUS_READ.has(err.statusCode));
  }
  if (!err.code) return false;
  return NOT_SENT.has(err.code) || (read && BROKEN.has(err.code));
}

/** How long to wait before retry number `attempt` (1-based): the server's word if it gave one, else backoff with jitter. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, headers?: Headers, now = Date.now()): number {
  const random = policy.random ?? Math.random;
  const told = serverDelayMs(headers, now);
  if (told !== undefined) return Math.min(told + Math.floor(random() * 250), policy.maxDelayMs);
  const exp = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.round(exp / 2 + random() * (exp / 2));
}

function serverDelayMs(headers: Headers | undefined, now: number): number | undefined {
  const get = (k: string) => { const v = headers?.[k]; return Array.isArray(v) ? v[0] : v; };
  const retryAfter = get('retry-after');
  if (retryAfter !== undefined) {
    const secs = Number(retryAfter);
    if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const reset = Number(get('x-ratelimit-reset-requests'));
  if (get('x-ratelimit-reset-requests') !== undefined && Number.isFinite(reset)) return Math.max(0, reset * 1000);
  return undefined;
}

type Callback = (err?: unknown) => void;
interface RetryContext { state: { counter: number }; opts: { method: string; signal?: AbortSignal | { aborted: boolean } } }

/** The callback for undici's retry interceptor: decide, wait (abortably), then go on or give up. */
export function retryCallback(policy: RetryPolicy, limiter?: RateLimiter) {
  return (err: unknown, { state, opts }: RetryContext, cb: Callback): void => {
    const e = err as RetryError;
    if (state.counter > policy.maxRetries || !shouldRetry(opts.method, e) || opts.signal?.aborted) { cb(err); return; }
    const delay = retryDelayMs(policy, state.counter, e.headers);
    if (e.statusCode === 429) limiter?.deferUntil(Date.now() + delay);
    const signal = opts.signal as AbortSignal | undefined;
    const timer = setTimeout(() => { signal?.removeEventListener?.('abort', onAbort); cb(); }, delay);
    const onAbort = () => { clearTimeout(timer); cb(err); };
    signal?.addEventListener?.('abort', onAbort, { once: true });
  };
}
