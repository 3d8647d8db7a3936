// The Bots API client against the strict fake: every endpoint, every error kind, and what crosses the wire.
import assert from 'node:assert/strict';
import { PoeApiError, PoeBotsClient } from '../../src/poe';
import { DEMO_KEY, NOT_ENABLED_KEY } from '../fake-poe/seeds';
import { startHarness, type Harness } from './helpers';

describe('Bots API client: endpoints', () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness(); });
  afterEach(async () => { await h.fake.stop(); });

  it('lists the account\'s bots in creation order, without another account\'s bot or any api_key', async () => {
    const bots = await h.client.listBots();
    assert.deepEqual(bots.map((b) => b.handle), ['GlmHelper', 'ThinkingTutor', 'DraftBot']);
    assert.ok(!JSON.stringify(bots).includes('api_key'));
    assert.equal(h.fake.log[0]?.method, 'GET');
  });

  it('gets one bot, URL-encoding the handle', async () => {
    const bot = await h.client.getBot('GlmHelper');
    assert.equal(bot.api_bot_settings?.model_name, 'zai-org/glm-4.6');
    await assert.rejects(h.client.getBot('no such/bot'), (e: PoeApiError) => e.kind === 'notFound');
    assert.equal(h.fake.log.at(-1)?.path, '/bots/no%20such%2Fbot');
  });

  it('POST creates (201) and, for an existing handle, silently updates (200)', async () => {
    const first = await h.client.createBot({ handle: 'NewBot', description: 'd', api_bot_settings: { model_name: 'm', base_url: 'https://x.example/v1', api_key: 'sk-1' } });
    assert.deepEqual(first, { status: 201, created: true });
    const again = await h.client.createBot({ handle: 'NewBot', description: 'changed' });
    assert.deepEqual(again, { status: 200, created: false });
    const stored = h.fake.peek('NewBot')!;
    assert.equal(stored.bot.description, 'changed');
    assert.equal(stored.bot.api_bot_settings?.model_name, 'm', 'POST merges api_bot_settings');
    assert.equal(stored.apiKey, 'sk-1');
  });

  it('PATCH changes only what is sent; a partial pricing replaces the whole pricing', async () => {
    const res = await h.client.updateBot('ThinkingTutor', { api_bot_settings: { pricing: { prompt: '0.000003', completion: '0.000009' } } });
    assert.deepEqual(res, { status: 200, created: false });
    const bot = await h.client.getBot('ThinkingTutor');
    assert.equal(bot.description, 'Explains step by step, with optional thinking');
    assert.equal(bot.api_bot_settings?.model_name, 'example-provider/model-1');
    assert.deepEqual(bot.api_bot_settings?.pricing, { prompt: '0.000003', completion: '0.000009' });
    assert.equal(h.fake.peek('ThinkingTutor')?.apiKey, 'sk-demo-endpoint-2', 'the endpoint key survives a PATCH without one');
  });

  it('PATCH on a missing bot is notFound; PUT on a missing bot creates it', async () => {
    await assert.rejects(h.client.updateBot('Ghost', { description: 'x' }), (e: PoeApiError) => e.kind === 'notFound' && e.status === 404);
    assert.deepEqual(await h.client.replaceBot('Ghost', { description: 'x' }), { status: 201, created: true });
  });

  it('PUT replaces everything: omitted fields reset and the stored endpoint key is cleared', async () => {
    await h.client.replaceBot('GlmHelper', { api_bot_settings: { model_name: 'other' } });
    const stored = h.fake.peek('GlmHelper')!;
    assert.deepEqual(stored.bot, { handle: 'GlmHelper', description: '', is_private: true, api_bot_settings: { model_name: 'other' } });
    assert.equal(stored.apiKey, undefined);
  });

  it('DELETE removes the bot', async () => {
    await h.client.deleteBot('DraftBot');
    await assert.rejects(h.client.getBot('DraftBot'), (e: PoeApiError) => e.kind === 'notFound');
    assert.deepEqual((await h.client.listBots()).map((b) => b.handle), ['GlmHelper', 'ThinkingTutor']);
  });

  it('sends the key as a Bearer token, JSON content type on writes, and a user agent', async () => {
    await h.client.updateBot('DraftBot', { description: 'hello' });
    assert.equal(h.fake.log.at(-1)?.status, 200);
    assert.deepEqual(h.fake.log.at(-1)?.body, { description: 'hello' });
  });
});

describe('Bots API client: errors in the creator\'s words', () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness(); });
  afterEach(async () => { await h.fake.stop(); });

  const kind = (k: string) => (e: unknown) => e instanceof PoeApiError && e.kind === k;

  it('auth: a wrong key', async () => {
    await assert.rejects(h.client.withKey('wrong-key-123').listBots(), (e: PoeApiError) =>
      e.kind === 'auth' && e.status === 401 && /Incorrect API key/.test(e.serverMessage ?? '') && /rejected the API key/.test(e.message));
  });

  it('auth: no key at all, without a request', async () => {
    const c = new PoeBotsClient({ baseUrl: h.fake.url, getKey: async () => undefined });
    await assert.rejects(c.listBots(), kind('auth'));
    assert.equal(h.fake.log.length, 0);
  });

  it('notEnabled: GET /bots answers 404 for an account without API bots', async () => {
    await assert.rejects(h.client.withKey(NOT_ENABLED_KEY).listBots(), (e: PoeApiError) => e.kind === 'notEnabled' && /not enabled for API bots/.test(e.message));
  });

  it('forbidden: another account\'s bot', async () => {
    await assert.rejects(h.client.getBot('TakenBot'), (e: PoeApiError) => e.kind === 'forbidden' && e.serverMessage === "Unauthorized to edit bot 'TakenBot'");
    await assert.rejects(h.client.updateBot('TakenBot', { description: 'x' }), kind('forbidden'));
  });

  it('handleTaken: POST with another creator\'s handle', async () => {
    await assert.rejects(h.client.createBot({ handle: 'TakenBot' }), kind('handleTaken'));
    await assert.rejects(h.client.createBot({ handle: 'takenbot' }), kind('handleTaken'));
  });

  it('invalid: the server\'s validation message is kept', async () => {
    const body = { api_bot_settings: { pricing: { prompt: 0.000001 } } } as never;
    await assert.rejects(h.client.updateBot('DraftBot', body), (e: PoeApiError) =>
      e.kind === 'invalid' && e.status === 400 && /pricing\.prompt/.test(e.serverMessage ?? '') && e.message.includes(e.serverMessage!));
  });

  it('server: a 500 on a write, with the server\'s message', async () => {
    h.fake.inject({ method: 'PATCH', fault: { status: 500 } });
    await assert.rejects(h.client.updateBot('DraftBot', { description: 'x' }), (e: PoeApiError) => e.kind === 'server' && /please retry/.test(e.message));
  });

  it('network: nothing listens at the address', async () => {
    const port = h.fake.port;
    await h.fake.stop();
    const c = new PoeBotsClient({ baseUrl: `http://127.0.0.1:${port}`, getKey: async () => DEMO_KEY, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 } });
    await assert.rejects(c.listBots(), (e: PoeApiError) => e.kind === 'network' && /Cannot reach Poe/.test(e.message));
    h.fake = await (await import('../fake-poe/server')).FakePoe.start();
  });

  it('timeout: Poe does not answer in time; a write says it may have been applied', async () => {
    h.fake.inject({ method: 'PATCH', fault: { delayMs: 400 } });
    const c = new PoeBotsClient({ baseUrl: h.fake.url, getKey: async () => DEMO_KEY, timeoutMs: 100 });
    await assert.rejects(c.updateBot('DraftBot', { description: 'x' }), (e: PoeApiError) => e.kind === 'timeout' && e.mayHaveApplied);
  });

  it('cancelled: the caller\'s AbortSignal', async () => {
    h.fake.inject({ fault: { delayMs: 300 } });
    const ac = new AbortController();
    const p = h.client.listBots({ signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await assert.rejects(p, kind('cancelled'));
  });
});
