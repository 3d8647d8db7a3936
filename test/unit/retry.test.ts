// Retries that must happen, retries that must not, and bad answers that must become typed errors. Every wait runs
// on a test clock: no test here depends on how fast the machine is.
import { systemClock } from '../../src/poe/clock';
import assert from 'node:assert/strict';
import { MockAgent } from 'undici';
import { PoeApiError, PoeBotsClient, RateLimiter, retryDelayMs, shouldRetry } from '../../src/poe';
import { DEMO_KEY } from '../fake-poe/seeds';
import { InstantClock, ManualClock } from './clock';
import { startHarness, until, type Harness } from './helpers';

const kind = (k: string) => (e: unknown) => e instanceof PoeApiError && e.kind === k;

describe('Bots API client: retries', () => {
  let h: Harness;
  let clock: InstantClock;
  beforeEach(async () => {
    clock = new InstantClock();
    h = await startHarness({ clock, retry: { baseDelayMs: 1000, maxDelayMs: 30_000 } });
  });
  afterEach(async () => {
    await h.fake.stop();
  });

  it('a 429 storm: the read succeeds after waiting as long as Retry-After says', async () => {
    h.fake.inject({ times: 3, fault: { status: 429, headers: { 'retry-after': '2' } } });
    const bots = await h.client.listBots();
    assert.equal(bots.length, 3);
    assert.deepEqual(
      h.fake.log.map((r) => r.status),
      [429, 429, 429, 200],
    );
    assert.equal(clock.slept.filter((ms) => ms >= 2000).length, 3, 'waited Retry-After before each retry');
  });

  it('a 429 storm: a write is applied exactly once', async () => {
    h.fake.inject({ times: 3, fault: { status: 429, headers: { 'x-ratelimit-reset-requests': '1.5' } } });
    const res = await h.client.createBot({ handle: 'StormBot', description: 'once' });
    assert.equal(res.created, true);
    assert.deepEqual(
      h.fake.writes().map((r) => r.status),
      [429, 429, 429, 201],
    );
    assert.ok(
      clock.slept.some((ms) => ms >= 1500),
      'x-ratelimit-reset-requests was honoured',
    );
  });

  it('reads retry on 500 and 503; a write does not, and says its effect is unknown', async () => {
    h.fake.inject({ method: 'GET', times: 2, fault: { status: 503 } });
    await h.client.getBot('DraftBot');
    assert.equal(h.fake.log.length, 3);
    h.fake.log.length = 0;
    h.fake.inject({ method: 'PUT', times: 1, fault: { status: 503 } });
    await assert.rejects(
      h.client.replaceBot('DraftBot', { description: 'x' }),
      (e: PoeApiError) => e.kind === 'server' && /may or may not have been made/.test(e.message),
    );
    assert.equal(h.fake.writes().length, 1, 'a 503 on a write may have been applied: never sent twice');
  });

  it('a connection dropped after the write took effect is not retried, and says the change may have been made', async () => {
    h.fake.inject({ method: 'PATCH', fault: { drop: 'after' } });
    await assert.rejects(
      h.client.updateBot('DraftBot', { description: 'dropped' }),
      (e: PoeApiError) => e.kind === 'network' && e.mayHaveApplied && /may or may not have been made/.test(e.message),
    );
    assert.equal(h.fake.writes().length, 1);
    assert.equal(h.fake.peek('DraftBot')?.bot.description, 'dropped');
  });

  it('a dropped connection on a read is retried', async () => {
    h.fake.inject({ method: 'GET', fault: { drop: 'before' } });
    assert.equal((await h.client.listBots()).length, 3);
    assert.deepEqual(
      h.fake.log.map((r) => r.status),
      ['dropped', 200],
    );
  });

  it('gives up after the cap, as rateLimited; a write that only met 429s says nothing changed', async () => {
    h.fake.inject({ times: 100, fault: { status: 429, headers: { 'retry-after': '0' } } });
    await assert.rejects(h.client.listBots(), kind('rateLimited'));
    assert.equal(h.fake.log.length, 5, '1 try + 4 retries');
    await assert.rejects(
      h.client.updateBot('DraftBot', { description: 'never' }),
      (e: PoeApiError) => e.kind === 'rateLimited' && !e.mayHaveApplied && /Nothing was changed on Poe/.test(e.message),
    );
    assert.equal(h.fake.peek('DraftBot')?.bot.description, '');
  });

  it('a write whose connection was refused is retried (it never reached Poe)', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get('https://api.poe.com');
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    pool.intercept({ path: '/bots/X', method: 'PATCH' }).replyWithError(refused);
    pool.intercept({ path: '/bots/X', method: 'PATCH' }).reply(200, { edit_bot_status: 'success' });
    const c = new PoeBotsClient({ getKey: async () => DEMO_KEY, dispatcher: agent, clock: new InstantClock() });
    assert.deepEqual(await c.updateBot('X', { description: 'y' }), { status: 200, created: false });
    agent.assertNoPendingInterceptors();
  });

  it('every retry takes a slot from the shared limiter, so a storm of retries stays under the rate limit', async () => {
    const shared = new InstantClock();
    const limiter = new RateLimiter({ perWindow: 2, windowMs: 1000, clock: shared });
    const l = await startHarness({
      clock: shared,
      limiter,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      fake: { now: () => shared.now() },
    });
    try {
      l.fake.inject({ times: 4, fault: { status: 429, headers: { 'retry-after': '0' } } });
      await l.client.listBots();
      const times = l.fake.log.map((r) => r.at);
      assert.equal(times.length, 5);
      for (const t of times)
        assert.ok(times.filter((u) => u >= t && u < t + 1000).length <= 2, `more than 2 requests within 1 s of ${t}`);
    } finally {
      await l.fake.stop();
    }
  });
});

describe('Bots API client: what a failed write says', () => {
  it('a write still waiting for the limiter when cancelled was never sent, and says so', async () => {
    const clock = new ManualClock();
    const h = await startHarness({ clock, limiter: new RateLimiter({ perWindow: 1, windowMs: 60_000, clock }) });
    try {
      await h.client.getBot('DraftBot');
      const ac = new AbortController();
      const waiting = h.client.updateBot('DraftBot', { description: 'queued' }, { signal: ac.signal });
      await until('the write waits for a slot', () => clock.pending > 0);
      ac.abort();
      await assert.rejects(
        waiting,
        (e: PoeApiError) => e.kind === 'cancelled' && !e.mayHaveApplied && /Nothing was changed on Poe/.test(e.message),
      );
      assert.equal(h.fake.writes().length, 0);
    } finally {
      await h.fake.stop();
    }
  });

  it('a write cancelled while it waits to retry after a 429 changed nothing', async () => {
    const clock = new ManualClock();
    const h = await startHarness({ clock });
    try {
      h.fake.inject({ method: 'PATCH', times: 5, fault: { status: 429, headers: { 'retry-after': '30' } } });
      const ac = new AbortController();
      const write = h.client.updateBot('DraftBot', { description: 'later' }, { signal: ac.signal });
      await until('the 429 arrived and a retry is scheduled', () => h.fake.writes().length === 1 && clock.pending > 1);
      ac.abort();
      await assert.rejects(write, (e: PoeApiError) => e.kind === 'cancelled' && !e.mayHaveApplied);
      assert.equal(h.fake.writes().length, 1);
    } finally {
      await h.fake.stop();
    }
  });

  it('a write that times out on the wire may have been applied, and says so', async () => {
    const clock = new ManualClock();
    const h = await startHarness({ clock, timeoutMs: 20_000 });
    try {
      h.fake.inject({ method: 'PATCH', fault: { hang: true } });
      const write = h.client.updateBot('DraftBot', { description: 'slow' });
      await until('the write reached Poe', () => h.fake.writes().length === 1);
      clock.advance(20_000);
      await assert.rejects(
        write,
        (e: PoeApiError) => e.kind === 'timeout' && e.mayHaveApplied && /may or may not have been made/.test(e.message),
      );
    } finally {
      await h.fake.stop();
    }
  });

  it('delays: Retry-After and x-ratelimit-reset-requests are honoured, capped; otherwise exponential with jitter', () => {
    const p = { maxRetries: 4, baseDelayMs: 1000, maxDelayMs: 30_000, random: () => 0 };
    const now = Date.UTC(2026, 0, 1);
    assert.equal(retryDelayMs(p, 1, { 'retry-after': '3' }, now), 3000);
    assert.equal(retryDelayMs(p, 1, { 'retry-after': new Date(now + 7000).toUTCString() }, now), 7000);
    assert.equal(retryDelayMs(p, 1, { 'x-ratelimit-reset-requests': '1.5' }, now), 1500);
    assert.equal(retryDelayMs(p, 1, { 'retry-after': '600' }, now), 30_000);
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => retryDelayMs(p, n, undefined, now)),
      [500, 1000, 2000, 4000],
    );
    assert.equal(retryDelayMs({ ...p, random: () => 0.999 }, 1, undefined, now) <= 1000, true);
  });

  it('policy table: which failures are retried for which method', () => {
    const status = (s: number) => ({ statusCode: s, code: 'UND_ERR_REQ_RETRY' });
    assert.equal(shouldRetry('GET', status(500)), true);
    assert.equal(shouldRetry('POST', status(500)), false);
    assert.equal(shouldRetry('PATCH', status(429)), true);
    assert.equal(shouldRetry('GET', status(400)), false);
    assert.equal(shouldRetry('PUT', { code: 'ECONNRESET' }), false);
    assert.equal(shouldRetry('GET', { code: 'ECONNRESET' }), true);
    assert.equal(shouldRetry('DELETE', { code: 'ECONNREFUSED' }), true);
    assert.equal(shouldRetry('PATCH', { cause: { code: 'ECONNREFUSED' } }), true, 'a code on the cause counts');
  });
});

describe('Bots API client: bad answers become typed errors', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ retry: { maxRetries: 0 } });
  });
  afterEach(async () => {
    await h.fake.stop();
  });

  it('an HTML error page', async () => {
    h.fake.inject({
      fault: {
        status: 502,
        headers: { 'content-type': 'text/html' },
        body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
      },
    });
    await assert.rejects(
      h.client.listBots(),
      (e: PoeApiError) => e.kind === 'server' && e.status === 502 && /502 Bad Gateway/.test(e.message),
    );
  });

  it('a 200 whose body is not JSON, or is empty', async () => {
    h.fake.inject({ fault: { status: 200, body: 'surprise' } });
    await assert.rejects(
      h.client.listBots(),
      (e: PoeApiError) => e.kind === 'server' && /not the JSON/.test(e.message),
    );
    h.fake.inject({ fault: { status: 200, body: '' } });
    await assert.rejects(h.client.getBot('DraftBot'), kind('server'));
  });

  it('an empty error body', async () => {
    h.fake.inject({ fault: { status: 500, body: '' } });
    await assert.rejects(
      h.client.listBots(),
      (e: PoeApiError) => e.kind === 'server' && e.serverMessage === undefined && /failed \(500\)/.test(e.message),
    );
  });

  it('a body cut short', async () => {
    h.fake.inject({ fault: { truncate: true } });
    await assert.rejects(h.client.listBots(), kind('network'));
  });

  it('an unknown status', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('https://api.poe.com').intercept({ path: '/bots', method: 'GET' }).reply(418, 'teapot');
    agent
      .get('https://api.poe.com')
      .intercept({ path: '/bots/A', method: 'GET' })
      .reply(302, '', { headers: { location: '/elsewhere' } });
    const c = new PoeBotsClient({ getKey: async () => DEMO_KEY, dispatcher: agent, retry: { maxRetries: 0 } });
    await assert.rejects(
      c.listBots(),
      (e: PoeApiError) => e.kind === 'invalid' && e.status === 418 && /teapot/.test(e.message),
    );
    await assert.rejects(c.getBot('A'), (e: PoeApiError) => e.kind === 'server' && e.status === 302);
  });
});

describe('Rate limiter', () => {
  it('keeps a burst under the limit in every window', async () => {
    const clock = new InstantClock();
    const limiter = new RateLimiter({ perWindow: 5, windowMs: 300, clock });
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, () =>
        limiter.acquire().then(() => {
          times.push(clock.now());
        }),
      ),
    );
    assert.equal(times.length, 12);
    for (const t of times)
      assert.ok(times.filter((u) => u >= t && u < t + 300).length <= 5, `more than 5 within 300 ms of ${t}`);
    assert.deepEqual(
      times.map((t) => Math.floor((t - times[0]!) / 300)),
      [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2],
      'served in order, five per window',
    );
  });

  it("slows down as the server's remaining count falls", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ perWindow: 100, windowMs: 60_000, clock });
    await limiter.acquire();
    limiter.observe({
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '0.05',
    });
    let done = false;
    const p = limiter.acquire().then(() => {
      done = true;
    });
    await until('the limiter waits', () => clock.pending === 1);
    clock.advance(49);
    await new Promise((r) => setImmediate(r));
    assert.equal(done, false, 'not before the window resets');
    clock.advance(1);
    await p;
    assert.equal(done, true);
  });
});

describe('The real clock', () => {
  it('takes a timeout left over after a measured wait (a fraction of a millisecond) without throwing', () => {
    const signal = systemClock.timeout(58_606.038);
    assert.equal(signal.aborted, false);
  });
});
