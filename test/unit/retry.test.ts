// Retries that must happen, retries that must not, and bad answers that must become typed errors.
import assert from 'node:assert/strict';
import { MockAgent } from 'undici';
import { PoeApiError, PoeBotsClient, RateLimiter, retryDelayMs, shouldRetry } from '../../src/poe';
import { DEMO_KEY } from '../fake-poe/seeds';
import { startHarness, type Harness } from './helpers';

const kind = (k: string) => (e: unknown) => e instanceof PoeApiError && e.kind === k;

describe('Bots API client: retries', () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness(); });
  afterEach(async () => { await h.fake.stop(); });

  it('a 429 storm: the read succeeds after backoff', async () => {
    h.fake.inject({ times: 3, fault: { status: 429, headers: { 'retry-after': '0' } } });
    const bots = await h.client.listBots();
    assert.equal(bots.length, 3);
    assert.deepEqual(h.fake.log.map((r) => r.status), [429, 429, 429, 200]);
  });

  it('a 429 storm: a write is applied exactly once', async () => {
    h.fake.inject({ times: 3, fault: { status: 429, headers: { 'x-ratelimit-reset-requests': '0.01' } } });
    const res = await h.client.createBot({ handle: 'StormBot', description: 'once' });
    assert.equal(res.created, true);
    const posts = h.fake.writes();
    assert.deepEqual(posts.map((r) => r.status), [429, 429, 429, 201]);
    assert.equal(posts.filter((r) => r.status === 201 || r.status === 200).length, 1);
  });

  it('reads retry on 500 and 503; writes do not', async () => {
    h.fake.inject({ method: 'GET', times: 2, fault: { status: 503 } });
    await h.client.getBot('DraftBot');
    assert.equal(h.fake.log.length, 3);
    h.fake.log.length = 0;
    h.fake.inject({ method: 'PUT', times: 1, fault: { status: 503 } });
    await assert.rejects(h.client.replaceBot('DraftBot', { description: 'x' }), kind('server'));
    assert.equal(h.fake.writes().length, 1, 'a 503 on a write may have been applied: never sent twice');
  });

  it('a connection dropped after the write took effect is not retried, and says the change may have been made', async () => {
    h.fake.inject({ method: 'PATCH', fault: { drop: 'after' } });
    await assert.rejects(h.client.updateBot('DraftBot', { description: 'dropped' }), (e: PoeApiError) =>
      e.kind === 'network' && e.mayHaveApplied && /may or may not have been made/.test(e.message));
    assert.equal(h.fake.writes().length, 1);
    assert.equal(h.fake.peek('DraftBot')?.bot.description, 'dropped');
  });

  it('a dropped connection on a read is retried', async () => {
    h.fake.inject({ method: 'GET', fault: { drop: 'before' } });
    assert.equal((await h.client.listBots()).length, 3);
    assert.deepEqual(h.fake.log.map((r) => r.status), ['dropped', 200]);
  });

  it('gives up after the cap, as rateLimited', async () => {
    h.fake.inject({ times: 100, fault: { status: 429, headers: { 'retry-after': '0' } } });
    await assert.rejects(h.client.listBots(), kind('rateLimited'));
    assert.equal(h.fake.log.length, 5, '1 try + 4 retries');
  });

  it('a write whose connection was refused is retried (it never reached Poe)', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get('https://api.poe.com');
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    pool.intercept({ path: '/bots/X', method: 'PATCH' }).replyWithError(refused);
    pool.intercept({ path: '/bots/X', method: 'PATCH' }).reply(200, { edit_bot_status: 'success' });
    const c = new PoeBotsClient({ getKey: async () => DEMO_KEY, dispatcher: agent, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    assert.deepEqual(await c.updateBot('X', { description: 'y' }), { status: 200, created: false });
    agent.assertNoPendingInterceptors();
  });

  it('delays: Retry-After and x-ratelimit-reset-requests are honoured, capped; otherwise exponential with jitter', () => {
    const p = { maxRetries: 4, baseDelayMs: 1000, maxDelayMs: 30_000, random: () => 0 };
    assert.equal(retryDelayMs(p, 1, { 'retry-after': '3' }), 3000);
    assert.equal(retryDelayMs(p, 1, { 'x-ratelimit-reset-requests': '1.5' }), 1500);
    assert.equal(retryDelayMs(p, 1, { 'retry-after': '600' }), 30_000);
    assert.deepEqual([1, 2, 3, 4].map((n) => retryDelayMs(p, n)), [500, 1000, 2000, 4000]);
    assert.equal(retryDelayMs({ ...p, random: () => 0.999 }, 1) <= 1000, true);
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
  });
});

describe('Bots API client: bad answers become typed errors', () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness({ retry: { maxRetries: 0 } }); });
  afterEach(async () => { await h.fake.stop(); });

  it('an HTML error page', async () => {
    h.fake.inject({ fault: { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>' } });
    await assert.rejects(h.client.listBots(), (e: PoeApiError) => e.kind === 'server' && e.status === 502 && /502 Bad Gateway/.test(e.message));
  });

  it('a 200 whose body is not JSON, or is empty', async () => {
    h.fake.inject({ fault: { status: 200, body: 'surprise' } });
    await assert.rejects(h.client.listBots(), (e: PoeApiError) => e.kind === 'server' && /not the JSON/.test(e.message));
    h.fake.inject({ fault: { status: 200, body: '' } });
    await assert.rejects(h.client.getBot('DraftBot'), kind('server'));
  });

  it('an empty error body', async () => {
    h.fake.inject({ fault: { status: 500, body: '' } });
    await assert.rejects(h.client.listBots(), (e: PoeApiError) => e.kind === 'server' && e.serverMessage === undefined && /failed \(500\)/.test(e.message));
  });

  it('a body cut short', async () => {
    h.fake.inject({ fault: { truncate: true } });
    await assert.rejects(h.client.listBots(), kind('network'));
  });

  it('an unknown status', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('https://api.poe.com').intercept({ path: '/bots', method: 'GET' }).reply(418, 'teapot');
    agent.get('https://api.poe.com').intercept({ path: '/bots/A', method: 'GET' }).reply(302, '', { headers: { location: '/elsewhere' } });
    const c = new PoeBotsClient({ getKey: async () => DEMO_KEY, dispatcher: agent, retry: { maxRetries: 0 } });
    await assert.rejects(c.listBots(), (e: PoeApiError) => e.kind === 'invalid' && e.status === 418 && /teapot/.test(e.message));
    await assert.rejects(c.getBot('A'), (e: PoeApiError) => e.kind === 'server' && e.status === 302);
  });
});

describe('Rate limiter', () => {
  it('keeps a burst under the limit in every window', async () => {
    // The client's window is a little longer than the server's: the server stamps a request when it arrives.
    const h = await startHarness({ limiter: new RateLimiter({ perWindow: 5, windowMs: 400 }) });
    h.fake.setRateLimit({ perWindow: 5, windowMs: 300 });
    try {
      await Promise.all(Array.from({ length: 12 }, () => h.client.getBot('DraftBot')));
      assert.equal(h.fake.rejected429, 0);
      const times = h.fake.log.map((r) => r.at);
      for (const t of times) assert.ok(times.filter((u) => u >= t && u < t + 290).length <= 5);
    } finally { await h.fake.stop(); }
  });

  it('slows down as the server\'s remaining count falls', async () => {
    let now = 1000;
    const limiter = new RateLimiter({ perWindow: 100, windowMs: 60_000, now: () => now });
    await limiter.acquire();
    limiter.observe({ 'x-ratelimit-limit-requests': '500', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '0.05' });
    const started = Date.now();
    const p = limiter.acquire();
    setTimeout(() => { now += 50; }, 0);
    await p;
    assert.ok(Date.now() - started >= 40, 'waited for the window to reset');
  });
});
