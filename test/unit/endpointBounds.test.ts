// What a misbehaving endpoint can no longer do: keep a finished stream "open" until it times out, grow one line or
// one reply without end, or fill memory with a huge answer or error page. Against the fake endpoint on 127.0.0.1.
import assert from 'node:assert/strict';
import { chat, EndpointError, type ChatRequest } from '../../src/endpoint';
import { listModels } from '../../src/endpoint/models';
import { EventTooLong, readEvents } from '../../src/endpoint/sse';
import { FakeEndpoint, type EndpointMode } from '../fake-endpoint/server';
import { until } from './helpers';

const ask = (stream: boolean): ChatRequest => ({
  model: 'my-model',
  messages: [{ role: 'user', content: 'hello' }],
  stream,
});

describe('Bounds: what an endpoint sends', function () {
  this.timeout(30_000);
  let fake: FakeEndpoint | undefined;
  afterEach(async () => {
    await fake?.stop();
    fake = undefined;
  });

  async function call(mode: EndpointMode, stream: boolean, apiType?: 'responses_api') {
    fake = await FakeEndpoint.start({ mode });
    return chat(
      { baseUrl: fake.url, key: fake.key, keyLabel: '${secret:X}', apiType, who: 'Your endpoint' },
      ask(stream),
      { timeoutMs: 20_000 },
    );
  }
  const open = () => (fake as unknown as { open: Set<unknown> }).open.size;

  it('a stream that sends [DONE] and stays open is done at [DONE], and its connection is closed', async () => {
    const started = Date.now();
    const r = await call('doneThenHang', true);
    assert.equal(r.ended, true);
    assert.match(r.text, /^Hello from my-model/);
    assert.ok(Date.now() - started < 5000, 'not the 20 s timeout');
    await until('the connection is closed', () => open() === 0);
  });

  it('the reader leaves a body over at its end marker to end by itself, and destroys one still open', async () => {
    // The reader stops at [DONE]: a body already over then is left to end by itself, one still open is destroyed.
    const body = (after: 'end' | 'hang') => {
      let destroyed = 0;
      let wake: ((e: Error) => void) | undefined;
      return {
        destroyed: () => destroyed,
        destroy() {
          destroyed++;
          wake?.(new Error('destroyed'));
        },
        async *[Symbol.asyncIterator]() {
          yield 'data: {"a": 1}\n\ndata: [DONE]\n\n';
          if (after === 'hang') await new Promise<never>((_, reject) => (wake = reject));
        },
      };
    };
    for (const after of ['end', 'hang'] as const) {
      const b = body(after);
      const seen: string[] = [];
      await readEvents(b, (e) => (seen.push(e.data), e.data === '[DONE]' ? 'stop' : 'more'));
      assert.deepEqual(seen, ['{"a": 1}', '[DONE]']);
      assert.equal(b.destroyed(), after === 'end' ? 0 : 1, after);
    }
  });

  it('streamed calls one after another share keep-alive connections (none is closed at the end marker)', async () => {
    fake = await FakeEndpoint.start();
    let connections = 0;
    (fake as unknown as { server: import('node:http').Server }).server.on('connection', () => connections++);
    for (let i = 0; i < 10; i++) {
      const r = await chat({ baseUrl: fake.url, key: fake.key, keyLabel: '${secret:X}' }, ask(true), {});
      assert.equal(r.ended, true);
    }
    // undici opens a second connection when a call comes before the first one's is marked free again; never more.
    assert.ok(connections <= 2, `${connections} connections for ten streamed calls`);
  });

  it('a Responses stream that stays open after response.completed is done there', async () => {
    const r = await call('responsesThenHang', true, 'responses_api');
    assert.equal(r.ended, true);
    assert.equal(r.finishReason, 'stop');
    await until('the connection is closed', () => open() === 0);
  });

  it('an endless line is stopped at 1 MB as a stream Poe cannot read, saying which limit', async () => {
    await assert.rejects(
      call('endlessLine', true),
      (e: EndpointError) =>
        e.kind === 'badStream' && /a line or event of the stream is longer than 1 MB/.test(e.message),
    );
    await until('the connection is closed', () => open() === 0);
  });

  it('an event of many short data lines that never ends is stopped at the limit too (no line is long)', async () => {
    async function* lines() {
      for (let i = 0; i < 10_000; i++) yield 'data: short line\n';
    }
    await assert.rejects(
      readEvents(lines(), () => 'more', 4096),
      (e: unknown) => e instanceof EventTooLong,
    );
    async function* events() {
      for (let i = 0; i < 10_000; i++) yield 'data: short event\n\n';
    }
    let seen = 0;
    await readEvents(
      events(),
      () => {
        seen++;
        return 'more';
      },
      4096,
    );
    assert.equal(seen, 10_000, 'finished events never add up against the limit');
  });

  it('an endless reply is stopped at the reply limit, saying which limit', async () => {
    const before = process.memoryUsage().rss;
    await assert.rejects(
      call('endlessReply', true),
      (e: EndpointError) => e.kind === 'badStream' && /the reply passed 8,388,608 characters/.test(e.message),
    );
    assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024);
    await until('the connection is closed', () => open() === 0);
  });

  it('a 300 MB whole answer, and an endless error page, are refused unread', async () => {
    await assert.rejects(
      call('hugeAnswer', false),
      (e: EndpointError) =>
        e.kind === 'tooLarge' && /^Your endpoint's answer was larger than 8 MB; it was not read\.$/.test(e.message),
    );
    await fake!.stop();
    await assert.rejects(
      call('hugeError', false),
      (e: EndpointError) => e.kind === 'tooLarge' && /error page, status 500/.test(e.message),
    );
  });

  it('a 300 MB model list is no list', async () => {
    fake = await FakeEndpoint.start({ mode: 'hugeAnswer' });
    assert.equal(await listModels(fake.url, fake.key, { timeoutMs: 20_000 }), undefined);
  });
});
