// What a misbehaving Poe can no longer do to us: stall every call for an hour with one header, or fill memory with
// a huge answer. Every wait runs on a test clock; the huge answers come from the fake Poe on 127.0.0.1.
import assert from 'node:assert/strict';
import { MAX_SERVER_WAIT_MS, PoeApiError, RateLimiter, retryDelayMs } from '../../src/poe';
import { InstantClock, ManualClock } from './clock';
import { startHarness, until } from './helpers';

const HOUR = { 'retry-after': '3600' };
const NONE_LEFT_FOR_AN_HOUR = {
  'x-ratelimit-limit-requests': '500',
  'x-ratelimit-remaining-requests': '0',
  'x-ratelimit-reset-requests': '3600',
};

describe('Bounds: waits the server asks for', () => {
  it('a 429 asking for an hour stops the call at once, saying how long Poe asked; later calls are not even sent', async () => {
    const clock = new InstantClock();
    const h = await startHarness({ clock, retry: { maxDelayMs: 30_000 } });
    try {
      h.fake.inject({ times: 100, fault: { status: 429, headers: HOUR } });
      await assert.rejects(
        h.client.listBots(),
        (e: PoeApiError) =>
          e.kind === 'rateLimited' &&
          /asked this key to wait 1 h/.test(e.message) &&
          /60 s this tool waits/.test(e.message),
      );
      assert.equal(h.fake.log.length, 1, 'no retry into an hour-long wait');
      await assert.rejects(
        h.client.updateBot('DraftBot', { description: 'x' }),
        (e: PoeApiError) =>
          e.kind === 'rateLimited' && /was not sent/.test(e.message) && /Nothing was changed on Poe/.test(e.message),
      );
      assert.equal(h.fake.log.length, 1, 'the write never left this machine');
      assert.ok(
        clock.slept.every((ms) => ms <= MAX_SERVER_WAIT_MS),
        `a wait past the cap: ${clock.slept.join(', ')}`,
      );
    } finally {
      await h.fake.stop();
    }
  });

  it('eight reads one after another against a server that says on every answer "none left for an hour" end at once, each with the clear line', async () => {
    const clock = new ManualClock();
    const h = await startHarness({ clock });
    try {
      h.fake.inject({ times: 100, fault: { headers: NONE_LEFT_FOR_AN_HOUR } });
      const handles = ['DraftBot', 'DraftBot', 'DraftBot', 'DraftBot', 'DraftBot', 'DraftBot', 'DraftBot', 'DraftBot'];
      const start = clock.now();
      const outcomes: PromiseSettledResult<unknown>[] = [];
      for (const x of handles) outcomes.push((await Promise.allSettled([h.client.getBot(x)]))[0]!);
      assert.equal(clock.now(), start, 'settled without the clock moving: nothing waited');
      assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
      for (const o of outcomes.slice(1))
        assert.match(String((o as PromiseRejectedResult).reason?.message), /wait 1 h before its next request/);
      assert.equal(h.fake.log.length, 1);
    } finally {
      await h.fake.stop();
    }
  });

  it("a wait within the cap is honoured and counts inside the call's timeout", async () => {
    const clock = new ManualClock();
    const h = await startHarness({ clock, timeoutMs: 20_000 });
    try {
      h.fake.inject({ times: 1, fault: { headers: { ...NONE_LEFT_FOR_AN_HOUR, 'x-ratelimit-reset-requests': '10' } } });
      await h.client.getBot('DraftBot');
      h.fake.inject({ method: 'GET', fault: { hang: true } });
      const out: { failed?: unknown } = {};
      const timers = clock.pending;
      const call = h.client.getBot('DraftBot').catch((e: unknown) => {
        out.failed = e;
      });
      await until("the call waits on the server's word", () => clock.pending === timers + 1);
      clock.advance(10_000);
      await until('the request is on the wire', () => h.fake.log.length === 2);
      clock.advance(9_999);
      await new Promise((r) => setImmediate(r));
      assert.equal(out.failed, undefined, 'not before the deadline');
      clock.advance(1);
      await call;
      assert.equal(
        (out.failed as { kind?: string } | undefined)?.kind,
        'timeout',
        'the 10 s waited came out of the 20 s timeout',
      );
    } finally {
      await h.fake.stop();
    }
  });

  it("a wait longer than the call's own timeout is not started", async () => {
    const clock = new ManualClock();
    const h = await startHarness({ clock, timeoutMs: 20_000 });
    try {
      h.fake.inject({ times: 1, fault: { headers: { ...NONE_LEFT_FOR_AN_HOUR, 'x-ratelimit-reset-requests': '30' } } });
      await h.client.getBot('DraftBot');
      await assert.rejects(
        h.client.getBot('DraftBot'),
        (e: PoeApiError) =>
          e.kind === 'rateLimited' && /wait 30 s before its next request, longer than the 20 s/.test(e.message),
      );
      assert.equal(h.fake.log.length, 1);
    } finally {
      await h.fake.stop();
    }
  });

  it("a wait on the server's word is cancelled by the caller's signal", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock });
    limiter.observe(NONE_LEFT_FOR_AN_HOUR);
    limiter.deferUntil(clock.now() + 50_000);
    const ac = new AbortController();
    const waiting = new RateLimiter({ clock });
    waiting.deferUntil(clock.now() + 50_000);
    const p = waiting.acquire(ac.signal);
    await until('it waits', () => clock.pending === 1);
    ac.abort(new Error('stopped'));
    await assert.rejects(p, /stopped/);
    await assert.rejects(limiter.acquire(), /asked to wait 3600 s/);
  });

  it('Retry-After within the cap is honoured whatever the policy allows; never past the cap', () => {
    const p = { maxRetries: 4, baseDelayMs: 1000, maxDelayMs: 10 * 60_000, random: () => 0 };
    assert.equal(retryDelayMs(p, 1, { 'retry-after': '45' }, 0), 45_000);
    assert.equal(retryDelayMs(p, 1, { 'retry-after': '600' }, 0), MAX_SERVER_WAIT_MS);
    assert.equal(retryDelayMs(p, 1, { 'x-ratelimit-reset-requests': '3600' }, 0), MAX_SERVER_WAIT_MS);
  });
});

describe('Bounds: answers too large to read', () => {
  it('a 300 MB GET /bots is refused with a sentence, and memory stays far under it', async function () {
    this.timeout(30_000);
    const h = await startHarness();
    try {
      h.fake.inject({ times: 1, fault: { hugeBody: 300 * 1024 * 1024 } });
      const before = process.memoryUsage().rss;
      await assert.rejects(
        h.client.listBots(),
        (e: PoeApiError) => e.kind === 'tooLarge' && /^Poe's answer was larger than 8 MB;/.test(e.message),
      );
      const grown = process.memoryUsage().rss - before;
      assert.ok(grown < 100 * 1024 * 1024, `memory grew by ${Math.round(grown / 1048576)} MB`);
      assert.equal((await h.client.listBots()).length, 3, 'the next call goes through');
    } finally {
      await h.fake.stop();
    }
  });

  it('an endless body ends too; a write says its effect is unknown', async () => {
    const h = await startHarness();
    try {
      h.fake.inject({ method: 'PATCH', fault: { hugeBody: 'endless' } });
      await assert.rejects(
        h.client.updateBot('DraftBot', { description: 'big' }),
        (e: PoeApiError) =>
          e.kind === 'tooLarge' && e.mayHaveApplied && /may or may not have been made/.test(e.message),
      );
    } finally {
      await h.fake.stop();
    }
  });

  it('a long server message is cut to a sentence', async () => {
    const h = await startHarness({ retry: { maxRetries: 0 } });
    try {
      h.fake.inject({ fault: { status: 400, body: JSON.stringify({ error: { message: 'no '.repeat(100_000) } }) } });
      await assert.rejects(
        h.client.listBots(),
        (e: PoeApiError) => e.kind === 'invalid' && e.message.length < 2200 && /more characters/.test(e.message),
      );
    } finally {
      await h.fake.stop();
    }
  });
});
