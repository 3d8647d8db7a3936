// Keeps a burst of calls under Poe's 500 requests a minute, and slows down as the server's remaining count falls,
// so bulk work (a folder push) never meets a 429. Every attempt takes a slot, retries included.

import { MAX_SERVER_WAIT_MS } from './bounds';
import { systemClock, type Clock } from './clock';

/** The server asked for a longer wait than we take (see MAX_SERVER_WAIT_MS): the call stops instead of stalling. */
export class ServerWaitTooLong extends Error {
  constructor(
    readonly waitMs: number,
    readonly limitMs: number,
  ) {
    super(`the server asked to wait ${Math.ceil(waitMs / 1000)} s`);
    this.name = 'ServerWaitTooLong';
  }
}

export interface LimiterOptions {
  perWindow?: number;
  windowMs?: number;
  clock?: Clock;
}

export class RateLimiter {
  private readonly perWindow: number;
  private readonly windowMs: number;
  private readonly clock: Clock;
  private readonly sent: number[] = [];
  private notBefore = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(opts: LimiterOptions = {}) {
    // A little under the documented 500 so clocks that disagree by a request or two stay under it.
    this.perWindow = opts.perWindow ?? 480;
    this.windowMs = opts.windowMs ?? 60_000;
    this.clock = opts.clock ?? systemClock;
  }

  /**
   * Waits for a slot; calls are served in order. Resolves with how long of that was spent on the server's word (so
   * the caller can count it inside its deadline); rejects with ServerWaitTooLong, at once, when the server asked
   * for more than `maxServerWaitMs` (and never more than MAX_SERVER_WAIT_MS).
   */
  acquire(signal?: AbortSignal, maxServerWaitMs = MAX_SERVER_WAIT_MS): Promise<number> {
    const turn = this.queue.then(() => this.waitForSlot(signal, Math.min(maxServerWaitMs, MAX_SERVER_WAIT_MS)));
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** Reads `x-ratelimit-remaining-requests` / `x-ratelimit-reset-requests` from a response. */
  observe(headers: Record<string, string | string[] | undefined>): void {
    const remaining = Number(first(headers['x-ratelimit-remaining-requests']));
    const limit = Number(first(headers['x-ratelimit-limit-requests']));
    const resetMs = Number(first(headers['x-ratelimit-reset-requests'])) * 1000;
    if (!Number.isFinite(remaining) || !Number.isFinite(resetMs) || resetMs <= 0) return;
    const low = Number.isFinite(limit) && limit > 0 ? limit * 0.1 : 50;
    const now = this.clock.now();
    // None left: the server's word, kept whole so that a wait past the cap stops the next call instead of stalling it.
    // A few left: our own slowing down, so never longer than the cap.
    if (remaining <= 0) this.notBefore = Math.max(this.notBefore, now + resetMs);
    else if (remaining < low)
      this.notBefore = Math.max(this.notBefore, now + Math.min(resetMs / remaining, MAX_SERVER_WAIT_MS));
  }

  /** Pushes the next call back, e.g. after a 429 told us to wait. */
  deferUntil(time: number): void {
    this.notBefore = Math.max(this.notBefore, time);
  }

  private async waitForSlot(signal: AbortSignal | undefined, maxServerWaitMs: number): Promise<number> {
    let onServersWord = 0;
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      while (this.sent.length && this.sent[0]! <= now - this.windowMs) this.sent.shift();
      const waitWindow = this.sent.length >= this.perWindow ? this.sent[0]! + this.windowMs - now : 0;
      const waitServer = this.notBefore - now;
      if (waitServer > maxServerWaitMs) throw new ServerWaitTooLong(waitServer, maxServerWaitMs);
      const wait = Math.max(waitWindow, waitServer);
      if (wait <= 0) {
        this.sent.push(now);
        return onServersWord;
      }
      await this.clock.sleep(wait, signal);
      if (waitServer >= waitWindow) onServersWord += wait;
    }
  }
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
