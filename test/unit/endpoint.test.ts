// Check Endpoint against the strict fake endpoint: every mode makes exactly the right row fail, with a message that
// names the fix; nothing waits on the wall clock; no key appears in any row, curl line or message.
import assert from 'node:assert/strict';
import { checkEndpoint, type CheckReport } from '../../src/endpoint';
import type { ApiBotSettings } from '../../src/poe';
import { FakeEndpoint, TEST_CA, type FakeEndpointOptions } from '../fake-endpoint/server';
import { until } from './helpers';

const KEY_LABEL = '${secret:MyBot}';
const statuses = (r: CheckReport) => Object.fromEntries(r.rows.map((row) => [row.id, row.status]));
const row = (r: CheckReport, id: string) => r.rows.find((x) => x.id === id)!;

describe('Check Endpoint', () => {
  let fake: FakeEndpoint | undefined;
  afterEach(async () => {
    await fake?.stop();
    fake = undefined;
  });

  async function check(
    opts: FakeEndpointOptions,
    settings: Partial<ApiBotSettings> = {},
    extra: { key?: string; stepTimeoutMs?: number; signal?: AbortSignal; ca?: boolean } = {},
  ) {
    fake = await FakeEndpoint.start(opts);
    const report = await checkEndpoint(
      {
        handle: 'MyBot',
        key: extra.key ?? fake.key,
        keyLabel: KEY_LABEL,
        settings: {
          base_url: fake.url,
          model_name: 'my-model',
          api_type: 'chat_completions_api',
          pricing: { prompt: '0.000002', completion: '0.000008' },
          ...settings,
        },
      },
      {
        ca: opts.tls && extra.ca !== false ? TEST_CA() : undefined,
        stepTimeoutMs: extra.stepTimeoutMs,
        signal: extra.signal,
      },
    );
    const text = JSON.stringify(report);
    assert.ok(!text.includes(fake.key) && !text.includes(extra.key ?? fake.key), 'no key in the report');
    return report;
  }

  it('ok over https with the certificate trusted: every row passes, the declared ones included', async () => {
    const r = await check(
      { tls: true, contextLength: 131072 },
      {
        input_modalities: ['text', 'image'],
        supported_features: ['tools'],
        param_definitions: [{ param_name: 'enable_thinking', param_dest: 'extra_body', default_value: true }],
        context_size: 131072,
      },
    );
    assert.deepEqual(statuses(r), {
      address: 'pass',
      keyModel: 'pass',
      stream: 'pass',
      usage: 'pass',
      image: 'pass',
      tools: 'pass',
      params: 'pass',
      context: 'pass',
    });
    assert.match(row(r, 'address').summary, /TLS certificate for localhost/);
    assert.match(row(r, 'address').summary, /It is on this machine/);
    assert.match(row(r, 'usage').summary, /costs a Poe user \$[\d.]+; a 1,000-in \/ 1,000-out message costs \$0\.0100/);
    assert.match(row(r, 'stream').summary, /first words after \d+ ms/);
    assert.match(row(r, 'keyModel').request!, /-H 'authorization: Bearer \$\{secret:MyBot\}'/);
    assert.equal(r.ok, true);
    const params = fake!.log.find((c) => (c.body as { enable_thinking?: unknown })?.enable_thinking !== undefined);
    assert.equal(
      (params!.body as { enable_thinking: unknown }).enable_thinking,
      true,
      'a default is sent as a top-level field',
    );
    assert.ok(
      fake!.log.every((c) => ((c.body as { max_tokens?: number })?.max_tokens ?? 16) <= 16),
      'output is capped',
    );
  });

  it('a certificate that does not verify fails the address, and nothing is sent with the key', async () => {
    const r = await check({ tls: true }, {}, { ca: false });
    assert.equal(row(r, 'address').status, 'fail');
    assert.match(row(r, 'address').summary, /certificate of localhost:\d+ does not verify/);
    assert.deepEqual(fake!.log, []);
  });

  it('wrongKey: the key row fails naming the reference, never the key', async () => {
    const r = await check({ mode: 'wrongKey' });
    assert.equal(row(r, 'keyModel').status, 'fail');
    assert.match(row(r, 'keyModel').summary, /rejected the key from \$\{secret:MyBot\} \(401\)/);
    assert.match(row(r, 'keyModel').fix!, /Poe: Set Endpoint Secret/);
    assert.deepEqual(
      r.rows.slice(2).map((x) => x.status),
      ['skip', 'skip', 'skip', 'skip', 'skip', 'skip'],
    );
  });

  it('unknownModel: the key row fails with the models served and the closest id', async () => {
    const r = await check({ mode: 'unknownModel' });
    assert.match(row(r, 'keyModel').summary, /does not know the model "my-model"\. It serves: .*my-model-instruct/);
    assert.match(row(r, 'keyModel').fix!, /Did you mean "my-model-instruct"\?/);
  });

  it('a wrong path: 404 from a page, not an unknown model', async () => {
    fake = await FakeEndpoint.start({});
    const r = await checkEndpoint({
      handle: 'MyBot',
      key: fake.key,
      keyLabel: KEY_LABEL,
      settings: { base_url: fake.url.replace(/\/v1$/, ''), model_name: 'my-model' },
    });
    assert.match(row(r, 'keyModel').summary, /Nothing answers at this path \(404/);
    assert.match(row(r, 'keyModel').fix!, /often ends in \/v1/);
  });

  it('a plain http server on this machine is a warning: fine while developing, unreachable for Poe', async () => {
    const r = await check({});
    assert.equal(row(r, 'address').status, 'warn');
    assert.match(row(r, 'address').summary, /plain http server on this machine, which Poe's servers cannot reach/);
    assert.equal(row(r, 'keyModel').status, 'pass');
  });

  it('noUsage: exactly the usage row fails, saying why it matters', async () => {
    const r = await check({ mode: 'noUsage' });
    assert.deepEqual(statuses(r), {
      address: 'warn',
      keyModel: 'pass',
      stream: 'pass',
      usage: 'fail',
      image: 'skip',
      tools: 'skip',
      params: 'skip',
      context: 'skip',
    });
    assert.match(row(r, 'usage').summary, /you would earn nothing/);
    assert.match(row(r, 'usage').fix!, /include_usage/);
  });

  it('brokenStream: exactly the stream row fails', async () => {
    const r = await check({ mode: 'brokenStream' });
    assert.equal(row(r, 'keyModel').status, 'pass');
    assert.equal(row(r, 'stream').status, 'fail');
    assert.match(row(r, 'stream').summary, /Poe cannot read: an event is not JSON/);
    assert.equal(row(r, 'usage').status, 'skip');
  });

  it("serverError: the key row fails with the endpoint's own message", async () => {
    const r = await check({ mode: 'serverError' });
    assert.match(row(r, 'keyModel').summary, /failed \(500\): The server had an error/);
  });

  it('slow: a step times out (an injected 50 ms limit, not the real 20 s)', async () => {
    const r = await check({ mode: 'slow' }, {}, { stepTimeoutMs: 50 });
    assert.equal(row(r, 'keyModel').status, 'fail');
    assert.match(row(r, 'keyModel').summary, /did not answer within the step's time limit/);
  });

  it('responses: a Responses API bot passes through /responses with typed events and usage', async () => {
    const r = await check({ mode: 'responses' }, { api_type: 'responses_api' });
    assert.deepEqual(
      [row(r, 'keyModel').status, row(r, 'stream').status, row(r, 'usage').status],
      ['pass', 'pass', 'pass'],
    );
    assert.ok(fake!.log.every((c) => c.path !== '/v1/chat/completions'));
  });

  it('a parameter the endpoint does not accept fails the parameter row with its message', async () => {
    const r = await check(
      {},
      { param_definitions: [{ param_name: 'frobnicate', param_dest: 'extra_body', default_value: 3 }] },
    );
    assert.equal(row(r, 'params').status, 'fail');
    assert.match(row(r, 'params').summary, /Unrecognized request argument supplied: frobnicate/);
  });

  it('a declared context larger than the endpoint reports fails the context row', async () => {
    const r = await check({ contextLength: 8192 }, { context_size: 131072 });
    assert.match(row(r, 'context').summary, /declares 131,072 tokens; the endpoint reports 8,192/);
  });

  it('a redirect is reported and never followed with the key', async () => {
    const target = await FakeEndpoint.start({});
    try {
      const r = await check({ redirectTo: `${target.url}/chat/completions` });
      assert.match(row(r, 'keyModel').summary, /redirect to http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions/);
      assert.deepEqual(target.log, [], 'the address behind the redirect saw nothing');
    } finally {
      await target.stop();
    }
  });

  it('an http address that is not on this machine fails before anything is sent', async () => {
    const r = await checkEndpoint({
      handle: 'MyBot',
      key: 'sk-x-1234',
      keyLabel: KEY_LABEL,
      settings: { base_url: 'http://api.example.com/v1', model_name: 'm' },
    });
    assert.match(row(r, 'address').summary, /is not https/);
    assert.ok(r.rows.slice(1).every((x) => x.status === 'skip'));
  });

  it('cancel mid-check: the rest is skipped as cancelled', async () => {
    const ac = new AbortController();
    fake = await FakeEndpoint.start({ mode: 'slow' });
    const running = checkEndpoint(
      { handle: 'MyBot', key: fake.key, keyLabel: KEY_LABEL, settings: { base_url: fake.url, model_name: 'my-model' } },
      { signal: ac.signal },
    );
    await until('the first request reached the endpoint', () => fake!.log.length === 1);
    ac.abort();
    const r = await running;
    assert.equal(r.ok, false);
    assert.deepEqual(r.rows.map((x) => `${x.id} ${x.status}`).slice(1, 3), ['keyModel skip', 'stream skip']);
    assert.match(row(r, 'keyModel').summary, /Cancelled/);
  });
});
