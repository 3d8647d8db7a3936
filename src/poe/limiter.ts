// Keeps a burst of calls under Poe's 500 requests a minute, and slows down as the server's remaining count falls,
// so bulk work (a folder push) never meets a 429. Every attempt takes a slot, retries included.

import { systemClock, type Clock } from './clock';

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

  /** Waits for a slot; calls are served in order. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot(signal));
    this.queue = turn.catch(() => undefined);
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
    if (remaining <= 0) this.notBefore = Math.max(this.notBefore, now + resetMs);
    else if (remaining < low) this.notBefore = Math.max(this.notBefore, now + resetMs / remaining);
  }

  /** Pushes the next call back, e.g. after a 429 told us to wait. */
  deferUntil(time: number): void {
    this.notBefore = Math.max(this.notBefore, time);
  }

  private async waitForSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      while (this.sent.length && this.sent[0]! <= now - this.windowMs) this.sent.shift();
      const waitWindow = this.sent.length >= this.perWindow ? this.sent[0]! + this.windowMs - now : 0;
      const wait = Math.max(waitWindow, this.notBefore - now);
      if (wait <= 0) { this.sent.push(now); return; }
      await this.clock.sleep(wait, signal);
    }
  }
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
