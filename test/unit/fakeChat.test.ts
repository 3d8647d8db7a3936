// The fake's chat and usage endpoints, over plain HTTP: what a Try Bot route will meet. Streams, errors in the chat
// envelope, points charged and recorded, the rate limiter and fault injection.
import assert from 'node:assert/strict';
import { createParser } from 'eventsource-parser';
import { request } from 'undici';
import { BUILT_IN_MODELS, type HistoryEntry } from '../fake-poe/chat';
import { fakeReply, pointsFor, usageOf } from '../fake-poe/chatReply';
import { FakePoe } from '../fake-poe/server';
import { DEMO_KEY, NOT_ENABLED_KEY } from '../fake-poe/seeds';

const USER = [{ role: 'user', content: 'Hello *there*\nsecond line' }];

async function call(
  fake: FakePoe,
  path: string,
  body?: unknown,
  o: { key?: string | null; raw?: string; contentType?: string; signal?: AbortSignal } = {},
) {
  const res = await request(`${fake.url}${path}`, {
    method: body === undefined && o.raw === undefined ? 'GET' : 'POST',
    headers: {
      ...(o.key === null ? {} : { authorization: `Bearer ${o.key ?? DEMO_KEY}` }),
      ...(body === undefined && o.raw === undefined ? {} : { 'content-type': o.contentType ?? 'application/json' }),
    },
    body: o.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    signal: o.signal,
  });
  return { status: res.statusCode, headers: res.headers, body: res.body };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read field by field in the assertions
type Json = any;
const json = async (p: ReturnType<typeof call>) => {
  const r = await p;
  return { status: r.status, data: (await r.body.json()) as Json };
};

/** Reads a stream as its events, counting the network chunks they came in. */
async function events(body: AsyncIterable<Buffer>): Promise<{ events: string[]; chunks: number }> {
  const out: string[] = [];
  const parser = createParser({ onEvent: (e) => out.push(e.data) });
  let chunks = 0;
  for await (const c of body) {
    chunks++;
    parser.feed(c.toString('utf8'));
  }
  return { events: out, chunks };
}

describe('Fake Poe: chat completions', () => {
  let fake: FakePoe;
  beforeEach(async () => {
    fake = await FakePoe.start();
    fake.chat.gapMs = 1;
  });
  afterEach(async () => {
    await fake.stop();
  });

  it("streams a public bot's reply in OpenAI's chunks, then a usage chunk, then [DONE]", async () => {
    const r = await call(fake, '/v1/chat/completions', {
      model: 'GlmHelper',
      messages: USER,
      stream: true,
      stream_options: { include_usage: true },
    });
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /^text\/event-stream/);
    const { events: ev, chunks } = await events(r.body);
    assert.equal(ev.at(-1), '[DONE]');
    const parsed = ev.slice(0, -1).map((e) => JSON.parse(e));
    const text = parsed
      .flatMap((c) => c.choices.map((x: { delta: { content?: string } }) => x.delta.content ?? ''))
      .join('');
    assert.equal(text, fakeReply('GlmHelper', USER));
    assert.ok(parsed.filter((c) => c.choices[0]?.delta.content).length >= 4, 'several content chunks');
    assert.ok(chunks >= 2, `written over time, not at once (${chunks} network chunks)`);
    assert.equal(parsed[0].choices[0].delta.role, 'assistant');
    assert.equal(parsed.at(-2).choices[0].finish_reason, 'stop');
    const usage = parsed.at(-1);
    assert.deepEqual(usage.choices, []);
    assert.deepEqual(usage.usage, usageOf(USER, text));
    assert.ok(
      parsed
        .slice(0, -1)
        .every((c) => c.usage === null && c.object === 'chat.completion.chunk' && c.model === 'GlmHelper'),
    );
  });

  it('leaves the usage chunk out unless asked, and answers whole without stream', async () => {
    const { events: ev } = await events(
      (await call(fake, '/v1/chat/completions', { model: 'GlmHelper', messages: USER, stream: true })).body,
    );
    assert.ok(ev.slice(0, -1).every((e) => JSON.parse(e).choices.length === 1 && !('usage' in JSON.parse(e))));
    const whole = await json(call(fake, '/v1/chat/completions', { model: 'GlmHelper', messages: USER }));
    assert.equal(whole.status, 200);
    assert.equal(whole.data.object, 'chat.completion');
    assert.equal(whole.data.choices[0].message.content, fakeReply('GlmHelper', USER));
    assert.deepEqual(whole.data.usage, usageOf(USER, fakeReply('GlmHelper', USER)));
  });

  it('charges points for each answer and records it, newest first', async () => {
    const before = fake.chat.balance('demo');
    await json(call(fake, '/v1/chat/completions', { model: 'GlmHelper', messages: USER }));
    await json(call(fake, '/v1/chat/completions', { model: 'Claude-Sonnet-4', messages: USER }));
    const cost = (m: string) => pointsFor(usageOf(USER, fakeReply(m, USER)));
    assert.equal(fake.chat.balance('demo'), before - cost('GlmHelper') - cost('Claude-Sonnet-4'));
    const [newest, older] = fake.chat.entries('demo') as [HistoryEntry, HistoryEntry];
    assert.deepEqual(
      { ...newest, creation_time: 0 },
      {
        creation_time: 0,
        bot_name: 'Claude-Sonnet-4',
        query_id: 'fakeq-000002',
        usage_type: 'API',
        cost_points: cost('Claude-Sonnet-4'),
      },
    );
    assert.equal(older.bot_name, 'GlmHelper');
    assert.ok(Math.abs(newest.creation_time / 1000 - Date.now()) < 60_000, 'creation_time is in microseconds');
    assert.ok(newest.creation_time > older.creation_time);
  });

  it("answers another account's public bot; refuses a private bot, even its owner's, and an unknown model, in the chat envelope", async () => {
    assert.equal((await json(call(fake, '/v1/chat/completions', { model: 'TakenBot', messages: USER }))).status, 200);
    for (const model of ['ThinkingTutor', 'DraftBot']) {
      const r = await json(call(fake, '/v1/chat/completions', { model, messages: USER }));
      assert.deepEqual(r, {
        status: 404,
        data: {
          error: {
            code: 404,
            type: 'not_found_error',
            message: `Bot ${model} is private: the Poe API can call public bots only.`,
          },
        },
      });
    }
    const unknown = await json(call(fake, '/v1/chat/completions', { model: 'NoSuchBot', messages: USER }));
    assert.equal(unknown.status, 404);
    assert.equal(unknown.data.error.type, 'not_found_error');
    assert.equal(fake.chat.entries('demo').filter((e) => e.usage_type === 'API').length, 1, 'refusals cost nothing');
  });

  it('402 insufficient_credits when the balance cannot pay, and nothing is charged', async () => {
    fake.chat.setBalance('demo', 3);
    const r = await json(call(fake, '/v1/chat/completions', { model: 'GlmHelper', messages: USER, stream: true }));
    assert.equal(r.status, 402);
    assert.equal(r.data.error.type, 'insufficient_credits');
    assert.equal(r.data.error.code, 402);
    assert.equal(fake.chat.balance('demo'), 3);
    const broke = await json(
      call(fake, '/v1/chat/completions', { model: 'GlmHelper', messages: USER }, { key: NOT_ENABLED_KEY }),
    );
    assert.equal(broke.status, 402, 'the noapi account starts with no points');
  });

  it('400 invalid_request_error for a malformed body', async () => {
    const bad: [unknown, RegExp][] = [
      [{ messages: USER }, /model/],
      [{ model: 'GlmHelper', messages: [] }, /messages/],
      [{ model: 'GlmHelper' }, /messages/],
      [{ model: 'GlmHelper', messages: [{ role: 'robot', content: 'x' }] }, /role/],
      [{ model: 'GlmHelper', messages: [{ role: 'user', content: 5 }] }, /content/],
      [{ model: 'GlmHelper', messages: [{ role: 'system', content: 'x' }] }, /user message/],
      [
        { model: 'GlmHelper', messages: USER, enable_thinking: true },
        /Unrecognized request argument supplied: enable_thinking/,
      ],
      [
        { model: 'GlmHelper', messages: USER, stream_options: { include_usage: true } },
        /only allowed when 'stream' is enabled/,
      ],
      [{ model: 'GlmHelper', messages: USER, stream: 'yes' }, /stream/],
      [[], /object/],
    ];
    for (const [body, message] of bad) {
      const r = await json(call(fake, '/v1/chat/completions', body));
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.data.error.type, 'invalid_request_error');
      assert.match(r.data.error.message, message);
    }
    assert.equal((await json(call(fake, '/v1/chat/completions', undefined, { raw: '{nope' }))).status, 400);
    assert.equal(
      (await json(call(fake, '/v1/chat/completions', undefined, { raw: '{}', contentType: 'text/plain' }))).status,
      400,
    );
    assert.equal(
      (await json(call(fake, '/v1/chat/completions', { model: 'GlmHelper', messages: USER }, { key: null }))).status,
      401,
    );
    assert.equal((await json(call(fake, '/v1/chat/completions'))).status, 405);
  });

  it('shares the rate limiter and fault injection with the Bots API', async () => {
    fake.setRateLimit({ perWindow: 2, windowMs: 60_000 });
    await json(call(fake, '/bots'));
    await json(call(fake, '/usage/current_balance'));
    const limited = await json(call(fake, '/v1/chat/completions', { model: 'GlmHelper', messages: USER }));
    assert.equal(limited.status, 429);
    fake.setRateLimit({ perWindow: 500, windowMs: 60_000 });
    fake.inject({ path: '/v1/chat/completions', fault: { status: 503 } });
    assert.equal((await json(call(fake, '/v1/chat/completions', { model: 'GlmHelper', messages: USER }))).status, 503);
    fake.inject({ path: '/v1/chat/completions', fault: { truncate: true } });
    const cut = await call(fake, '/v1/chat/completions', { model: 'GlmHelper', messages: USER, stream: true });
    await assert.rejects(events(cut.body));
  });

  it('stops writing when the client goes away mid-stream', async () => {
    fake.chat.gapMs = 30;
    const ac = new AbortController();
    const r = await call(
      fake,
      '/v1/chat/completions',
      { model: 'GlmHelper', messages: USER, stream: true },
      { signal: ac.signal },
    );
    const reading = (async () => {
      for await (const c of r.body) {
        if (c.length) ac.abort();
      }
    })();
    await assert.rejects(reading);
    assert.equal((await json(call(fake, '/usage/current_balance'))).status, 200, 'the server is fine after it');
  });
});

describe('Fake Poe: models and usage', () => {
  let fake: FakePoe;
  beforeEach(async () => {
    fake = await FakePoe.start();
  });
  afterEach(async () => {
    await fake.stop();
  });

  it("/v1/models lists the built-in models and the account's public bots, in OpenAI's list shape", async () => {
    const r = await json(call(fake, '/v1/models'));
    assert.equal(r.data.object, 'list');
    assert.deepEqual(
      r.data.data.map((m: { id: string }) => m.id),
      [...BUILT_IN_MODELS, 'GlmHelper'],
    );
    assert.ok(
      r.data.data.every(
        (m: Record<string, unknown>) =>
          m.object === 'model' && typeof m.owned_by === 'string' && typeof m.created === 'number',
      ),
    );
  });

  it("/usage/current_balance starts at the seed's points", async () => {
    assert.deepEqual(await json(call(fake, '/usage/current_balance')), {
      status: 200,
      data: { current_point_balance: 12_345 },
    });
  });

  it('/usage/points_history pages newest first with starting_after, has_more and length', async () => {
    for (let i = 0; i < 3; i++) await json(call(fake, '/v1/chat/completions', { model: 'GlmHelper', messages: USER }));
    const first = await json(call(fake, '/usage/points_history?limit=2'));
    assert.deepEqual(
      first.data.data.map((e: HistoryEntry) => e.query_id),
      ['fakeq-000003', 'fakeq-000002'],
    );
    assert.equal(first.data.has_more, true);
    assert.equal(first.data.length, 2);
    const next = await json(call(fake, '/usage/points_history?limit=2&starting_after=fakeq-000002'));
    assert.deepEqual(
      next.data.data.map((e: HistoryEntry) => e.usage_type),
      ['API', 'Canvas App'],
    );
    const last = await json(call(fake, '/usage/points_history?starting_after=demo-canvas-1'));
    assert.deepEqual({ has_more: last.data.has_more, length: last.data.length }, { has_more: false, length: 1 });
    for (const q of ['limit=0', 'limit=101', 'limit=x', 'starting_after=nope']) {
      assert.equal((await json(call(fake, `/usage/points_history?${q}`))).status, 400, q);
    }
  });
});
