// Clocks for tests: time moves only when a test says so (ManualClock), or jumps ahead the moment anything waits
// (InstantClock), so no test races the wall clock.
import { timeoutError, type Clock } from '../../src/poe/clock';

interface Timer {
  at: number;
  fire(): void;
  cancel?(): void;
}

export class ManualClock implements Clock {
  private t: number;
  private timers: Timer[] = [];
  constructor(start = 1_000_000) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer: Timer = {
        at: this.t + Math.max(0, ms),
        fire: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((x) => x !== timer);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.add(timer);
    });
  }

  timeout(ms: number): AbortSignal {
    const ac = new AbortController();
    this.add({ at: this.t + ms, fire: () => ac.abort(timeoutError()) });
    return ac.signal;
  }

  /** How many sleeps and timeouts are pending. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers = this.timers.filter((x) => x !== next);
      this.t = Math.max(this.t, next.at);
      next.fire();
    }
    this.t = end;
  }

  protected add(timer: Timer): void {
    this.timers.push(timer);
  }
}

/** Every sleep returns at once, having moved time forward by its length: waits cost nothing and stay ordered. */
export class InstantClock extends ManualClock {
  readonly slept: number[] = [];
  override sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.slept.push(ms);
    this.advance(Math.max(0, ms));
    return new Promise((r) => setImmediate(r));
  }
  /** Timeouts never fire: an instant clock is for waits, not for deadlines. */
  override timeout(): AbortSignal {
    return new AbortController().signal;
  }
}
