// Time, handed in: the limiter, the retry policy and the client's timeout all ask a Clock, so tests can drive every
// wait by hand instead of racing the wall clock.

export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A signal that aborts with a TimeoutError after `ms`. */
  timeout(ms: number): AbortSignal;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(t);
        reject(signal!.reason);
      };
      const t = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  // AbortSignal.timeout takes whole milliseconds only (a wait measured by the clock leaves a fraction).
  timeout: (ms) => AbortSignal.timeout(Math.max(0, Math.ceil(ms))),
};

export function timeoutError(): Error {
  return new DOMException('The operation timed out.', 'TimeoutError');
}
