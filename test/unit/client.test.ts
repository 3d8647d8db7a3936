// The Bots API client against the strict fake: every endpoint, every error kind, and what crosses the wire.
import assert from 'node:assert/strict';
import { PoeApiError, PoeBotsClient, rememberSecret } from '../../src/poe';
import type { FakeModes } from '../fake-poe/server';
import { DEMO_KEY, NOT_ENABLED_KEY } from '../fake-poe/seeds';
import { ManualClock } from './clock';
import { startHarness, until, type Harness } from './helpers';

describe('Bots API client: endpoints', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.fake.stop();
  });

  it("lists the account's bots in creation order, without another account's bot or any api_key", async () => {
    const bots = await h.client.listBots();
    assert.deepEqual(
      bots.map((b) => b.handle),
      ['GlmHelper', 'ThinkingTutor', 'DraftBot'],
    );
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
    const first = await h.client.createBot({
      handle: 'NewBot',
      description: 'd',
      api_bot_settings: { model_name: 'm', base_url: 'https://x.example/v1', api_key: 'sk-1' },
    });
    assert.deepEqual(first, { status: 201, created: true });
    const again = await h.client.createBot({ handle: 'NewBot', description: 'changed' });
    assert.deepEqual(again, { status: 200, created: false });
    const stored = h.fake.peek('NewBot')!;
    assert.equal(stored.bot.description, 'changed');
    assert.equal(stored.bot.api_bot_settings?.model_name, 'm', 'POST merges api_bot_settings');
    assert.equal(stored.apiKey, 'sk-1');
  });

  it('PATCH changes only what is sent and keeps the stored endpoint key', async () => {
    const res = await h.client.updateBot('ThinkingTutor', { description: 'patched' });
    assert.deepEqual(res, { status: 200, created: false });
    const bot = await h.client.getBot('ThinkingTutor');
    assert.equal(bot.description, 'patched');
    assert.equal(bot.api_bot_settings?.model_name, 'example-provider/model-1');
    assert.equal(
      h.fake.peek('ThinkingTutor')?.apiKey,
      'sk-demo-endpoint-2',
      'the endpoint key survives a PATCH without one',
    );
  });

  it('PATCH on a missing bot is notFound; PUT on a missing bot creates it', async () => {
    await assert.rejects(
      h.client.updateBot('Ghost', { description: 'x' }),
      (e: PoeApiError) => e.kind === 'notFound' && e.status === 404,
    );
    assert.deepEqual(await h.client.replaceBot('Ghost', { description: 'x' }), { status: 201, created: true });
  });

  it('PUT replaces every setting; omitted fields reset', async () => {
    await h.client.replaceBot('GlmHelper', { api_bot_settings: { model_name: 'other' } });
    assert.deepEqual(h.fake.peek('GlmHelper')!.bot, {
      handle: 'GlmHelper',
      description: '',
      is_private: true,
      api_bot_settings: { model_name: 'other' },
    });
  });

  it('DELETE removes the bot', async () => {
    await h.client.deleteBot('DraftBot');
    await assert.rejects(h.client.getBot('DraftBot'), (e: PoeApiError) => e.kind === 'notFound');
    assert.deepEqual(
      (await h.client.listBots()).map((b) => b.handle),
      ['GlmHelper', 'ThinkingTutor'],
    );
  });

  it('sends the key as a Bearer token, JSON content type on writes, and its user agent', async () => {
    const c = new PoeBotsClient({ baseUrl: h.fake.url, getKey: async () => DEMO_KEY, userAgent: 'poe-bots-test/9.9' });
    await c.updateBot('DraftBot', { description: 'hello' });
    await c.listBots();
    const [patch, list] = h.fake.log;
    assert.equal(patch?.status, 200, 'the fake accepted the Bearer key');
    assert.deepEqual(patch?.body, { description: 'hello' });
    assert.equal(patch?.contentType, 'application/json');
    assert.equal(patch?.userAgent, 'poe-bots-test/9.9');
    assert.equal(list?.userAgent, 'poe-bots-test/9.9');
    assert.equal(list?.contentType, undefined, 'a GET has no body and no content type');
  });
});

// Where Poe's docs are silent, the fake answers by mode. These tests show the fake does what each mode says, so
// that tests of the push flow under every mode mean something.
describe('Fake Poe: its modes for what the docs leave open', () => {
  const start = (modes: Partial<FakeModes>) => startHarness({ fake: { modes } });

  it('merge: shallow replaces a nested object whole; deep merges it', async () => {
    for (const [merge, pricing] of [
      ['shallow', { prompt: '0.000003' }],
      [
        'deep',
        {
          prompt: '0.000003',
          completion: '0.000008',
          input_cache_reads: '0.0000005',
          context_pricing: { tiers: [{ min_tokens: 32000, prompt: '0.000004', completion: '0.000016' }] },
        },
      ],
    ] as const) {
      const h = await start({ merge });
      try {
        await h.client.updateBot('ThinkingTutor', { api_bot_settings: { pricing: { prompt: '0.000003' } } });
        assert.deepEqual(h.fake.peek('ThinkingTutor')?.bot.api_bot_settings?.pricing, pricing, merge);
      } finally {
        await h.fake.stop();
      }
    }
  });

  it('putWithoutKey: clears or keeps the stored endpoint key', async () => {
    for (const [putWithoutKey, key] of [
      ['clears', undefined],
      ['keeps', 'sk-demo-endpoint-1'],
    ] as const) {
      const h = await start({ putWithoutKey });
      try {
        await h.client.replaceBot('GlmHelper', { api_bot_settings: { model_name: 'other' } });
        assert.equal(h.fake.peek('GlmHelper')?.apiKey, key, putWithoutKey);
      } finally {
        await h.fake.stop();
      }
    }
  });

  it('accepts "sections": [], as Poe\'s own full POST example sends', async () => {
    const h = await start({});
    try {
      await h.client.updateBot('DraftBot', { parameter_controls: { api_version: '2', sections: [] } });
      assert.deepEqual(h.fake.peek('DraftBot')?.bot.parameter_controls, { api_version: '2', sections: [] });
    } finally {
      await h.fake.stop();
    }
  });
});

describe("Bots API client: errors in the creator's words", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.fake.stop();
  });

  const kind = (k: string) => (e: unknown) => e instanceof PoeApiError && e.kind === k;

  it('auth: a wrong key', async () => {
    await assert.rejects(
      h.client.withKey('wrong-key-123').listBots(),
      (e: PoeApiError) =>
        e.kind === 'auth' &&
        e.status === 401 &&
        /Incorrect API key/.test(e.serverMessage ?? '') &&
        /rejected the API key/.test(e.message),
    );
  });

  it('auth: no key at all, without a request', async () => {
    const c = new PoeBotsClient({ baseUrl: h.fake.url, getKey: async () => undefined });
    await assert.rejects(c.listBots(), kind('auth'));
    assert.equal(h.fake.log.length, 0);
  });

  it('notEnabled: GET /bots answers 404 for an account without API bots', async () => {
    await assert.rejects(
      h.client.withKey(NOT_ENABLED_KEY).listBots(),
      (e: PoeApiError) => e.kind === 'notEnabled' && /not enabled for API bots/.test(e.message),
    );
  });

  it("forbidden: another account's bot", async () => {
    await assert.rejects(
      h.client.getBot('TakenBot'),
      (e: PoeApiError) => e.kind === 'forbidden' && e.serverMessage === "Unauthorized to edit bot 'TakenBot'",
    );
    await assert.rejects(h.client.updateBot('TakenBot', { description: 'x' }), kind('forbidden'));
  });

  it("handleTaken: POST with another creator's handle", async () => {
    await assert.rejects(h.client.createBot({ handle: 'TakenBot' }), kind('handleTaken'));
    await assert.rejects(h.client.createBot({ handle: 'takenbot' }), kind('handleTaken'));
  });

  it("invalid: the server's validation message is kept", async () => {
    const body = { api_bot_settings: { pricing: { prompt: 0.000001 } } } as never;
    await assert.rejects(
      h.client.updateBot('DraftBot', body),
      (e: PoeApiError) =>
        e.kind === 'invalid' &&
        e.status === 400 &&
        /pricing\.prompt/.test(e.serverMessage ?? '') &&
        e.message.includes(e.serverMessage!),
    );
  });

  it("server: a 500 on a write, with the server's message", async () => {
    h.fake.inject({ method: 'PATCH', fault: { status: 500 } });
    await assert.rejects(
      h.client.updateBot('DraftBot', { description: 'x' }),
      (e: PoeApiError) => e.kind === 'server' && /please retry/.test(e.message),
    );
  });

  it('network: nothing listens at the address', async () => {
    const port = h.fake.port;
    await h.fake.stop();
    const c = new PoeBotsClient({
      baseUrl: `http://127.0.0.1:${port}`,
      getKey: async () => DEMO_KEY,
      retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 },
    });
    await assert.rejects(c.listBots(), (e: PoeApiError) => e.kind === 'network' && /Cannot reach Poe/.test(e.message));
    h.fake = await (await import('../fake-poe/server')).FakePoe.start();
  });

  it('timeout: Poe does not answer in time; a write says it may have been applied', async () => {
    const clock = new ManualClock();
    const c = new PoeBotsClient({ baseUrl: h.fake.url, getKey: async () => DEMO_KEY, timeoutMs: 100, clock });
    h.fake.inject({ method: 'PATCH', fault: { hang: true } });
    const write = c.updateBot('DraftBot', { description: 'x' });
    await until('the PATCH reached the fake', () => h.fake.writes().length === 1);
    clock.advance(100);
    await assert.rejects(write, (e: PoeApiError) => e.kind === 'timeout' && e.mayHaveApplied);
  });

  it("cancelled: the caller's AbortSignal", async () => {
    h.fake.inject({ fault: { hang: true } });
    const ac = new AbortController();
    const p = h.client.listBots({ signal: ac.signal });
    await until('the request reached the fake', () => h.fake.log.length === 1);
    ac.abort();
    await assert.rejects(p, kind('cancelled'));
  });

  it('a base URL with a path (".../v1") that answers 404 is a wrong address, not an account without API bots', async () => {
    const c = new PoeBotsClient({ baseUrl: `${h.fake.url}/v1`, getKey: async () => DEMO_KEY });
    await assert.rejects(
      c.listBots(),
      (e: PoeApiError) => e.kind === 'wrongAddress' && /no path such as \/v1/.test(e.message),
    );
    h.fake.inject({
      fault: { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><title>Not Found</title></html>' },
    });
    await assert.rejects(h.client.listBots(), kind('wrongAddress'));
    await assert.rejects(h.client.withKey(NOT_ENABLED_KEY).listBots(), kind('notEnabled'));
  });

  it('a key Poe echoes in an error is redacted when the error is made', async () => {
    const endpointKey = 'sk-echoed-endpoint-key-5150';
    rememberSecret(endpointKey);
    h.fake.inject({
      method: 'PATCH',
      fault: {
        status: 400,
        body: JSON.stringify({
          error: {
            message: `api_key ${endpointKey} and Bearer ${DEMO_KEY} are not valid here`,
            type: 'invalid_request_error',
          },
        }),
      },
    });
    const e = await h.client.updateBot('DraftBot', { description: 'x' }).then(
      () => undefined,
      (x: unknown) => x as PoeApiError,
    );
    assert.ok(e instanceof PoeApiError && e.kind === 'invalid');
    for (const text of [e.message, e.serverMessage ?? '', String(e)]) {
      assert.ok(!text.includes(endpointKey) && !text.includes(DEMO_KEY), text);
      assert.match(text, /«redacted»/);
    }
  });
});
