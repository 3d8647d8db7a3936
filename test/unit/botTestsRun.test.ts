// The bot tests' runner against the strict fake endpoint and the fake Poe: the direct route sends what Poe would send
// (model_name, the control values as top-level fields, the key after the gate), assertions pass and fail on purpose,
// a refused parameter value fails its matrix run, Stop ends the run, the Poe route reads its points; and the JUnit
// XML has the shape CI reporters read. No key in any result.
import assert from 'node:assert/strict';
import { readBotFile } from '../../src/botfile/read';
import type { KeySources } from '../../src/botfile/secrets';
import type { KeyGate } from '../../src/sync/keyGate';
import { directSender, junitXml, markdownReport, poeSender, runCases, tally } from '../../src/tests';
import { planCases } from '../../src/tests/matrix';
import { readTestFile } from '../../src/tests/testFile';
import { FakeEndpoint } from '../fake-endpoint/server';
import { DEMO_KEY } from '../fake-poe/seeds';
import { startHarness, until, type Harness } from './helpers';

const SECRET = 'sk-fake-endpoint-0123456789';
const sources: KeySources = {
  secret: async (n) => (n === 'MyBot' ? SECRET : undefined),
  env: () => undefined,
  allowEnv: false,
};
const asked: string[] = [];
const yes: KeyGate = {
  poeKey: async () => DEMO_KEY,
  allow: async (q) => {
    asked.push(q.destination.host);
    return true;
  },
};

function botFile(url: string, extra: Record<string, unknown> = {}) {
  return readBotFile(
    JSON.stringify({
      handle: 'MyBot',
      api_bot_settings: {
        base_url: url,
        model_name: 'my-model',
        api_key: '${secret:MyBot}',
        pricing: { prompt: '0.000002', completion: '0.000008' },
        param_definitions: [
          { param_name: 'reasoning_effort', param_dest: 'extra_body', default_value: 'low' },
          { param_name: 'enable_thinking', param_dest: 'extra_body' },
        ],
      },
      parameter_controls: {
        api_version: '2',
        sections: [
          {
            name: 'Thinking',
            controls: [
              {
                control: 'drop_down',
                label: 'Effort',
                parameter_name: 'reasoning_effort',
                options: [
                  { value: 'low', name: 'Low' },
                  { value: 'high', name: 'High' },
                ],
              },
              { control: 'toggle_switch', label: 'Think', parameter_name: 'enable_thinking', default_value: false },
            ],
          },
        ],
      },
      ...extra,
    }),
  );
}

const user = (content: string) => [{ role: 'user', content }];
const testFile = (cases: unknown[], extra: Record<string, unknown> = {}) =>
  readTestFile(JSON.stringify({ bot: 'MyBot.poebot.json', cases, ...extra }));

describe('Bot tests: the runner, direct to the endpoint', function () {
  let fake: FakeEndpoint | undefined;
  afterEach(async () => {
    await fake?.stop();
    fake = undefined;
    asked.length = 0;
  });

  async function run(
    cases: unknown[],
    o: {
      refuse?: Record<string, unknown[]>;
      mode?: 'noUsage' | 'slow' | 'echoKey';
      signal?: AbortSignal;
      gate?: KeyGate;
    } = {},
  ) {
    fake = await FakeEndpoint.start({ refuse: o.refuse, mode: o.mode });
    const bot = botFile(fake.url);
    const planned = planCases(testFile(cases).cases, bot.bot);
    const sender = directSender({ bot, botLabel: 'MyBot.poebot.json', gate: o.gate ?? yes, sources });
    const r = await runCases(planned, sender, { signal: o.signal });
    assert.ok(!JSON.stringify(r).includes(SECRET), 'no key in any result');
    return r;
  }

  it('one case passes and one fails on purpose, saying expected vs got; the request is what Poe would send', async () => {
    const r = await run([
      {
        name: 'greets',
        messages: user('Bonjour'),
        parameters: { enable_thinking: true },
        assert: [
          { type: 'icontains', value: 'bonjour' },
          { type: 'usage' },
          { type: 'max-cost-usd', value: 0.01 },
          { type: 'finish-reason', value: 'stop' },
        ],
      },
      { name: 'fails on purpose', messages: user('Hi'), assert: [{ type: 'contains', value: 'Goodbye' }] },
    ]);
    assert.deepEqual(
      r.results.map((x) => x.status),
      ['passed', 'failed'],
    );
    const failed = r.results[1]!.outcomes[0]!;
    assert.equal(failed.expected, 'a reply containing "Goodbye"');
    assert.equal(failed.got, '"Hello from my-model. You said: Hi"');
    const sent = fake!.log.filter((c) => c.path === '/v1/chat/completions');
    assert.equal(sent.length, 2);
    const body = sent.find((c) => JSON.stringify(c.body).includes('Bonjour'))!.body as Record<string, unknown>;
    assert.equal(body.model, 'my-model');
    assert.equal(body.enable_thinking, true, 'a control value as a top-level field');
    assert.equal(body.reasoning_effort, 'low', "a definition's default too");
    assert.ok(
      sent.every((c) => c.authorized),
      'the key the reference names',
    );
    assert.deepEqual(asked, [`127.0.0.1:${fake!.port}`], 'the key gate was asked once for the run');
    assert.equal(r.results[0]!.request!.keyLabel, '${secret:MyBot}');
    for (const x of r.results)
      assert.deepEqual(
        x.request!.body,
        sent.find((c) => JSON.stringify(c.body).includes(x.name === 'greets' ? 'Bonjour' : '"Hi"'))!.body,
        'the request shown is the one sent',
      );
    assert.ok(r.results[0]!.reply!.costUsd! > 0);
  });

  it('the matrix: each control value a run of its own; a value the endpoint refuses fails with its message', async () => {
    const r = await run([{ name: 'every control', matrix: 'controls', messages: user('Hi') }], {
      refuse: { reasoning_effort: ['high'] },
    });
    assert.deepEqual(
      r.results.map((x) => [x.name, x.status]),
      [
        ['every control [reasoning_effort=low]', 'passed'],
        ['every control [reasoning_effort=high]', 'failed'],
        ['every control [enable_thinking=true]', 'passed'],
        ['every control [enable_thinking=false]', 'passed'],
      ],
    );
    assert.match(r.results[1]!.message!, /Invalid value for 'reasoning_effort'/);
    assert.deepEqual(
      r.results[0]!.outcomes.map((o) => o.assertion),
      ['answers', 'usage'],
      'each run answers and reports usage',
    );
  });

  it('a matrix run with no usage fails on usage, and a cost cannot be known', async () => {
    const r = await run(
      [{ name: 'm', matrix: 'controls', messages: user('Hi'), assert: [{ type: 'max-cost-usd', value: 1 }] }],
      { mode: 'noUsage' },
    );
    assert.ok(r.results.every((x) => x.status === 'failed'));
    assert.deepEqual(
      r.results[0]!.outcomes.filter((o) => !o.pass).map((o) => o.got),
      ['no cost: the endpoint reported no usage', 'no usage reported'],
    );
  });

  it('tool-call: the endpoint calls the tool the message names, with JSON arguments', async () => {
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }];
    const r = await run([
      {
        name: 'calls',
        tools,
        messages: user('get_weather for Paris'),
        assert: [
          { type: 'tool-call', value: 'get_weather' },
          { type: 'finish-reason', value: 'tool_calls' },
        ],
      },
      { name: 'does not', tools, messages: user('just chat'), assert: [{ type: 'tool-call', value: 'get_weather' }] },
    ]);
    assert.deepEqual(
      r.results.map((x) => x.status),
      ['passed', 'failed'],
    );
    assert.match(r.results[1]!.outcomes[0]!.got, /no tool call/);
  });

  it('an endpoint that echoes its key: the reply a case keeps, and its assertions, see only the mask', async () => {
    // The fake quotes the key it got split across two pieces of the stream.
    const r = await run(
      [
        { name: 'echo', messages: user('Hi'), assert: [{ type: 'contains', value: 'Your key is' }] },
        { name: 'no key', messages: user('Hi'), assert: [{ type: 'not-contains', value: SECRET.slice(0, 12) }] },
      ],
      { mode: 'echoKey' },
    );
    assert.equal(r.results[0]!.reply!.text, 'Your key is «redacted» ok.');
    assert.deepEqual(
      r.results.map((x) => x.status),
      ['passed', 'passed'],
    );
  });

  it('a key the gate refuses stops the run before anything is sent', async () => {
    const no: KeyGate = { allow: async () => 'not this host' };
    const r = await run(
      [
        { name: 'a', messages: user('Hi') },
        { name: 'b', messages: user('Hi') },
      ],
      { gate: no },
    );
    assert.equal(r.error, 'not this host');
    assert.deepEqual(
      r.results.map((x) => x.status),
      ['skipped', 'skipped'],
    );
    assert.deepEqual(fake!.log, []);
  });

  it('Stop: the cases in flight end and the rest are skipped', async () => {
    const stop = new AbortController();
    const cases = Array.from({ length: 8 }, (_, i) => ({ name: `c${i}`, messages: user('Hi') }));
    const done = run(cases, { mode: 'slow', signal: stop.signal });
    await until('four cases are in flight', () => (fake?.log.length ?? 0) >= 4);
    assert.equal(fake!.log.length, 4, 'a few at a time');
    stop.abort();
    const r = await done;
    assert.equal(r.cancelled, true);
    assert.deepEqual(tally(r.results), { passed: 0, failed: 0, errored: 0, skipped: 8 });
  });

  it('a case that cannot run is reported, and the others run', async () => {
    const r = await run([
      { name: 'bad', messages: user('Hi'), assert: [{ type: 'nope' }] },
      { name: 'good', messages: user('Hi') },
    ]);
    assert.deepEqual(
      r.results.map((x) => x.status),
      ['errored', 'passed'],
    );
  });
});

describe('Bot tests: through Poe', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.fake.stop();
  });

  it('sends the handle with the Poe key and reads what each message cost from the points history', async () => {
    const view = readTestFile(
      JSON.stringify({
        handle: 'GlmHelper',
        cases: [
          {
            name: 'cheap enough',
            messages: user('Hi'),
            assert: [
              { type: 'max-points', value: 1000 },
              { type: 'contains', value: 'GlmHelper' },
            ],
          },
          { name: 'too dear', messages: user('Hi again'), assert: [{ type: 'max-points', value: 1 }] },
        ],
      }),
    );
    const sender = poeSender({ handle: 'GlmHelper', apiBaseUrl: h.fake.url, poeKey: DEMO_KEY, client: h.client });
    const r = await runCases(planCases(view.cases, {}), sender);
    assert.deepEqual(
      r.results.map((x) => x.status),
      ['passed', 'failed'],
    );
    const entries = h.fake.chat.entries('demo').filter((e) => e.bot_name === 'GlmHelper');
    assert.deepEqual(
      r.results.map((x) => x.reply!.points),
      [entries[1]!.cost_points, entries[0]!.cost_points],
      "each case its own message's points",
    );
    assert.equal(sender.spent(), entries[0]!.cost_points + entries[1]!.cost_points);
    assert.ok(!JSON.stringify(r).includes(DEMO_KEY));
  });

  it('stops once the run has spent its budget of points', async () => {
    const view = readTestFile(
      JSON.stringify({
        handle: 'GlmHelper',
        cases: [
          { name: 'a', messages: user('Hi') },
          { name: 'b', messages: user('Hi') },
        ],
      }),
    );
    const r = await runCases(
      planCases(view.cases, {}),
      poeSender({ handle: 'GlmHelper', apiBaseUrl: h.fake.url, poeKey: DEMO_KEY, client: h.client, maxPoints: 1 }),
    );
    assert.deepEqual(
      r.results.map((x) => x.status),
      ['passed', 'skipped'],
    );
    assert.match(r.error!, /spent \d+ points, its budget of 1/);
  });
});

describe('Bot tests: JUnit XML and Markdown', () => {
  const results = [
    {
      id: '0',
      name: 'passes',
      status: 'passed' as const,
      durationMs: 120,
      outcomes: [],
      reply: { text: 'ok <&> "quoted"\u0007', totalMs: 120, toolCalls: [] },
    },
    {
      id: '1',
      name: 'fails <on purpose>',
      status: 'failed' as const,
      durationMs: 80,
      outcomes: [{ assertion: 'contains', pass: false, expected: 'a reply containing "Goodbye"', got: '"Hello"' }],
    },
    {
      id: '2',
      name: 'bad',
      status: 'errored' as const,
      durationMs: 0,
      outcomes: [],
      message: 'Assertion 1: "nope" is not an assertion type',
    },
    { id: '3', name: 'later', status: 'skipped' as const, durationMs: 0, outcomes: [] },
  ];

  it('one testsuite per file, a testcase per run, failure with expected vs got, escaped text', () => {
    const xml = junitXml([{ name: 'bots/MyBot.poebot-test.json', results }]);
    assert.match(
      xml,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="poe-bots test" tests="4" failures="1" errors="1" skipped="1" time="0.200">/,
    );
    assert.match(
      xml,
      /<testsuite name="bots\/MyBot.poebot-test.json" tests="4" failures="1" errors="1" skipped="1" time="0.200">/,
    );
    assert.match(
      xml,
      /<testcase name="fails &lt;on purpose&gt;" classname="bots\/MyBot.poebot-test.json" time="0.080">\n\s+<failure message="contains: expected a reply containing &quot;Goodbye&quot;, got &quot;Hello&quot;" type="contains">/,
    );
    assert.match(xml, /<error message="Assertion 1: &quot;nope&quot; is not an assertion type" type="test-file"\/>/);
    assert.match(xml, /<testcase name="later"[^>]*>\n\s+<skipped\/>/);
    assert.match(
      xml,
      /<system-out>ok &lt;&amp;&gt; &quot;quoted&quot;<\/system-out>/,
      'a character XML cannot hold is dropped',
    );
    assert.equal((xml.match(/<testcase /g) ?? []).length, 4);
    assert.equal((xml.match(/<\/testcase>|<testcase [^>]*\/>/g) ?? []).length, 4, 'every testcase closed');
  });

  it("Markdown: a count, a table per file, the failure's expected vs got, text escaped", () => {
    const text = markdownReport([{ name: 'MyBot.poebot-test.json', results }]);
    assert.match(text, /^## Bot tests: 1 passed, 1 failed, 1 could not run, 1 skipped/);
    assert.match(
      text,
      /\| ❌ \| fails \\<on purpose\\> \| 80 ms \| contains: expected a reply containing "Goodbye", got "Hello" \|/,
    );
  });
});
