// When to try a request again. Reads retry on 429, 5xx and broken connections; writes only when the request surely
// did not take effect (429, or a connection that was never made), so a fault never makes a write happen twice.
// Plugged into undici's own retry interceptor (see client.ts), which does the re-dispatching; every retry waits its
// delay on the injected clock and then takes a slot from the shared rate limiter like any first attempt.

import { MAX_SERVER_WAIT_MS } from './bounds';
import type { Clock } from './clock';
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
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);
/** Errors after which a read can be sent again (a write might have been applied). */
const BROKEN = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

type Headers = Record<string, string | string[] | undefined>;
interface RetryError {
  statusCode?: number;
  code?: unknown;
  headers?: Headers;
  name?: string;
  cause?: unknown;
}

/** The error's code, wherever undici or Node put it (on the error or on its cause), as text. */
export function errorCode(e: unknown): string {
  const own = (e as RetryError | undefined)?.code;
  if (typeof own === 'string' && own) return own;
  const cause = (e as RetryError | undefined)?.cause as RetryError | undefined;
  return typeof cause?.code === 'string' ? cause.code : '';
}

/** True when the failure happened before the request reached the server. */
export function neverSent(e: unknown): boolean {
  return NOT_SENT.has(errorCode(e));
}

export function shouldRetry(method: string, err: RetryError): boolean {
  const read = READ_METHODS.has(method.toUpperCase());
  if (err.statusCode !== undefined && err.code === 'UND_ERR_REQ_RETRY') {
    return err.statusCode === 429 || (read && RETRY_STATUS_READ.has(err.statusCode));
  }
  const code = errorCode(err);
  return NOT_SENT.has(code) || (read && BROKEN.has(code));
}

/** How long to wait before retry number `attempt` (1-based): the server's word if it gave one, else backoff with jitter. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, headers: Headers | undefined, now: number): number {
  const random = policy.random ?? Math.random;
  const told = serverDelayMs(headers, now);
  if (told !== undefined) return Math.min(told + Math.floor(random() * 250), policy.maxDelayMs, MAX_SERVER_WAIT_MS);
  const exp = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** How long the server asked us to wait (Retry-After, else x-ratelimit-reset-requests), uncapped; undefined if it did not say. */
export function serverDelayMs(headers: Headers | undefined, now: number): number | undefined {
  const get = (k: string) => {
    const v = headers?.[k];
    return Array.isArray(v) ? v[0] : v;
  };
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

/**
 * What one call has done so far, handed to undici with the request and read back by the client when it fails:
 * whether any attempt left this machine, and whether the last one might have taken effect.
 */
export interface Attempt {
  dispatched: boolean;
  mightHaveApplied: boolean;
  retries: number;
}

type Callback = (err?: unknown) => void;
interface RetryContext {
  state: { counter: number };
  opts: { method: string; signal?: AbortSignal | { aborted: boolean }; poeAttempt?: Attempt };
}

/** The callback for undici's retry interceptor: decide, wait (abortably), take a limiter slot, then go on or give up. */
export function retryCallback(policy: RetryPolicy, clock: Clock, limiter?: RateLimiter) {
  return (err: unknown, { state, opts }: RetryContext, cb: Callback): void => {
    const e = err as RetryError;
    const attempt = opts.poeAttempt;
    // A 429 or a connection never made: this attempt changed nothing on Poe.
    const applied = !(e.statusCode === 429 || (e.statusCode === undefined && neverSent(e)));
    if (attempt) attempt.mightHaveApplied = applied && (e.statusCode === undefined || e.statusCode >= 500);
    if (state.counter > policy.maxRetries || !shouldRetry(opts.method, e) || opts.signal?.aborted) {
      cb(err);
      return;
    }
    // Asked to wait longer than we ever do: give up now (the error says how long), and hold later calls back too.
    const told = serverDelayMs(e.headers, clock.now());
    if (told !== undefined && told > MAX_SERVER_WAIT_MS) {
      if (e.statusCode === 429) limiter?.deferUntil(clock.now() + told);
      cb(err);
      return;
    }
    const delay = retryDelayMs(policy, state.counter, e.headers, clock.now());
    if (e.statusCode === 429) limiter?.deferUntil(clock.now() + delay);
    const signal = opts.signal as AbortSignal | undefined;
    void clock
      .sleep(delay, signal)
      .then(() => limiter?.acquire(signal))
      .then(
        () => {
          if (attempt) {
            attempt.retries++;
            attempt.mightHaveApplied = true;
          }
          cb();
        },
        () => cb(err),
      );
  };
}
