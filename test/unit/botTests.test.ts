// Bot tests, the parts without a network: the read of a test file (every case kept in its place, a wrong one saying
// why), every assertion type passing, failing and negated with expected vs got, the parameter matrix, and the
// types held equal to the shipped schema.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { check, CHECKS, type Reply } from '../../src/tests/assertions';
import { ASSERTION_TYPES, type AssertionType } from '../../src/tests/kinds';
import { expandControls, planCases } from '../../src/tests/matrix';
import { readTestFile, type Assertion } from '../../src/tests/testFile';

const ROOT = path.resolve(__dirname, '../../..');
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/poebot-test.schema.json'), 'utf8'));

const reply = (r: Partial<Reply> = {}): Reply => ({
  text: 'Bonjour! Hello there.',
  totalMs: 300,
  firstWordsMs: 40,
  toolCalls: [],
  ...r,
});
const a = (type: string, extra: Partial<Assertion> = {}): Assertion => {
  const negated = type.startsWith('not-');
  return {
    name: type as Assertion['name'],
    type: (negated ? type.slice(4) : type) as AssertionType,
    negated,
    ...extra,
  };
};

describe('Bot tests: the test file', () => {
  it("reads the issue's example: bot, route, a case with parameters and four assertions, and where it sits", () => {
    const text = `{ "$schema": "poebot-schema:/poebot-test.schema.json",
      "bot": "MyBot.poebot.json", // beside it
      "route": "direct",
      "cases": [
        { "name": "greets in French",
          "messages": [{ "role": "user", "content": "Bonjour" }],
          "parameters": { "enable_thinking": false },
          "assert": [ { "type": "icontains", "value": "bonjour" }, { "type": "usage" },
                      { "type": "max-latency-ms", "value": 5000 }, { "type": "max-cost-usd", "value": 0.001 } ] } ] }`;
    const v = readTestFile(text);
    assert.equal(v.problem, undefined);
    assert.equal(v.bot, 'MyBot.poebot.json');
    assert.equal(v.route, 'direct');
    const [c] = v.cases;
    assert.equal(c!.name, 'greets in French');
    assert.deepEqual(c!.parameters, { enable_thinking: false });
    assert.deepEqual(
      c!.assert.map((x) => x.name),
      ['icontains', 'usage', 'max-latency-ms', 'max-cost-usd'],
    );
    assert.equal(text.slice(c!.offset, c!.offset + 1), '{');
    assert.equal(text.slice(c!.offset + c!.length - 1, c!.offset + c!.length), '}');
  });

  it("a wrong case says why in the creator's words and the others keep their place", () => {
    const v = readTestFile(
      JSON.stringify({
        bot: 'B.poebot.json',
        cases: [
          { name: 'ok', messages: [{ role: 'user', content: 'hi' }] },
          { name: 'typo', messages: [{ role: 'user', content: 'hi' }], assert: [{ type: 'contians', value: 'x' }] },
          { name: 'no value', messages: [{ role: 'user', content: 'hi' }], assert: [{ type: 'max-points' }] },
          { name: 'bad regex', messages: [{ role: 'user', content: 'hi' }], assert: [{ type: 'regex', value: '(' }] },
          { name: 'no messages' },
        ],
      }),
    );
    assert.deepEqual(
      v.cases.map((c) => c.index),
      [0, 1, 2, 3, 4],
    );
    assert.equal(v.cases[0]!.problem, undefined);
    assert.match(v.cases[1]!.problem!, /"contians" is not an assertion type/);
    assert.match(v.cases[2]!.problem!, /"max-points" needs a "value" that is a number/);
    assert.match(v.cases[3]!.problem!, /is not a regular expression/);
    assert.match(v.cases[4]!.problem!, /needs "messages"/);
  });

  it('the file as a whole: no bot, a direct route without a file, a matrix through Poe, broken JSON', () => {
    assert.match(readTestFile('{"cases": []}').problem!, /Name the bot these tests are for/);
    assert.match(
      readTestFile('{"handle": "X", "route": "direct", "cases": []}').problem!,
      /"direct" route calls the endpoint a bot file names/,
    );
    const poe = readTestFile(
      JSON.stringify({
        handle: 'X',
        cases: [{ name: 'm', matrix: 'controls', messages: [{ role: 'user', content: 'hi' }] }],
      }),
    );
    assert.equal(poe.route, 'poe', 'a handle alone goes through Poe');
    assert.match(poe.cases[0]!.problem!, /only the "direct" route can send/);
    assert.match(readTestFile('{"bot": "x", "cases": [').problem!, /not valid JSON/);
  });

  it("the assertion types are the schema's, each also as not-<type>", () => {
    const names = schema.definitions.assertion.properties.type.enum as string[];
    assert.deepEqual(names, [...ASSERTION_TYPES, ...ASSERTION_TYPES.map((t) => `not-${t}`)]);
    assert.equal(schema.definitions.assertion.properties.type.markdownEnumDescriptions.length, names.length);
  });
});

// For every type: an assertion, a reply it passes and one it fails, and what the failure says it got.
const EXAMPLES: Record<AssertionType, { a: Assertion; passes: Reply; fails: Reply; got: RegExp }> = {
  equals: {
    a: a('equals', { value: 'yes' }),
    passes: reply({ text: 'yes' }),
    fails: reply({ text: 'yes.' }),
    got: /"yes\."/,
  },
  contains: { a: a('contains', { value: 'Hello' }), passes: reply(), fails: reply({ text: 'hello' }), got: /"hello"/ },
  icontains: {
    a: a('icontains', { value: 'bonjour' }),
    passes: reply(),
    fails: reply({ text: 'Salut' }),
    got: /"Salut"/,
  },
  'starts-with': {
    a: a('starts-with', { value: 'Bonjour' }),
    passes: reply(),
    fails: reply({ text: 'Well, Bonjour' }),
    got: /"Well, Bonjour"/,
  },
  regex: {
    a: a('regex', { value: '^\\d+$' }),
    passes: reply({ text: '42' }),
    fails: reply({ text: 'forty-two' }),
    got: /"forty-two"/,
  },
  'is-json': {
    a: a('is-json', { schema: { type: 'object', required: ['ok'] } }),
    passes: reply({ text: '{"ok": true}' }),
    fails: reply({ text: '{"no": 1}' }),
    got: /does not match: the reply must have required property 'ok'/,
  },
  usage: {
    a: a('usage'),
    passes: reply({ usage: { inputTokens: 9, outputTokens: 3 } }),
    fails: reply(),
    got: /no usage reported/,
  },
  'finish-reason': {
    a: a('finish-reason', { value: 'stop' }),
    passes: reply({ finishReason: 'stop' }),
    fails: reply({ finishReason: 'length' }),
    got: /finish reason "length"/,
  },
  'max-latency-ms': {
    a: a('max-latency-ms', { value: 100, of: 'first-words' }),
    passes: reply({ firstWordsMs: 90, totalMs: 900 }),
    fails: reply({ firstWordsMs: 150 }),
    got: /first words after 150 ms, the whole reply after 300 ms/,
  },
  'max-cost-usd': {
    a: a('max-cost-usd', { value: 0.001 }),
    passes: reply({ costUsd: 0.0004 }),
    fails: reply({ costUsd: 0.0123 }),
    got: /\$0\.0123/,
  },
  'max-points': {
    a: a('max-points', { value: 50 }),
    passes: reply({ points: 20 }),
    fails: reply({ points: 75 }),
    got: /75 points/,
  },
  'tool-call': {
    a: a('tool-call', { value: 'get_weather' }),
    passes: reply({ text: '', toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] }),
    fails: reply({ text: '', toolCalls: [{ name: 'get_weather', arguments: '{"city":' }] }),
    got: /arguments that are not JSON/,
  },
};

describe('Bot tests: every assertion type', () => {
  it('has an example here for every type the checks know', () =>
    assert.deepEqual(Object.keys(EXAMPLES).sort(), Object.keys(CHECKS).sort()));

  for (const type of ASSERTION_TYPES) {
    it(`${type}: passes, fails saying expected vs got, and not-${type} turns it over`, () => {
      const { a: assertion, passes, fails, got } = EXAMPLES[type];
      assert.equal(check(assertion, passes).pass, true);
      const failure = check(assertion, fails);
      assert.equal(failure.pass, false);
      assert.match(failure.got, got);
      assert.ok(failure.expected.length > 0);
      const not = { ...assertion, name: `not-${type}` as Assertion['name'], negated: true };
      assert.equal(check(not, passes).pass, false);
      assert.equal(check(not, fails).pass, true);
      assert.match(check(not, passes).expected, /^not /);
    });
  }

  it('a check that cannot be made fails in both forms: no cost known is not within budget', () => {
    const noCost = reply({ costUnknown: 'the endpoint reported no usage' });
    assert.equal(check(a('max-cost-usd', { value: 1 }), noCost).pass, false);
    assert.equal(check(a('not-max-cost-usd', { value: 1 }), noCost).pass, false);
    assert.match(check(a('max-cost-usd', { value: 1 }), noCost).got, /no cost: the endpoint reported no usage/);
    assert.match(check(a('max-points', { value: 1 }), reply()).got, /no points/);
  });

  it('says which latency it held the reply to: the whole reply by default', () => {
    const o = check(a('max-latency-ms', { value: 200 }), reply({ totalMs: 300 }));
    assert.equal(o.pass, false);
    assert.match(o.expected, /the whole reply within 200 ms/);
  });

  it('tool-call names the calls it got when the named tool is not among them', () => {
    const o = check(a('tool-call', { value: 'search' }), reply({ toolCalls: [{ name: 'lookup', arguments: '{}' }] }));
    assert.match(o.got, /calls of "lookup"/);
  });
});

const toggle = (name: string, d?: boolean) => ({
  control: 'toggle_switch',
  label: name,
  parameter_name: name,
  ...(d === undefined ? {} : { default_value: d }),
});
const slider = (name: string, d?: number) => ({
  control: 'slider',
  label: name,
  parameter_name: name,
  min_value: 2,
  max_value: 10,
  step: 2,
  ...(d === undefined ? {} : { default_value: d }),
});
const dropDown = (name: string, values: string[]) => ({
  control: 'drop_down',
  label: name,
  parameter_name: name,
  options: values.map((value) => ({ value, name: value })),
});
const botWith = (controls: unknown[]) => ({
  handle: 'B',
  parameter_controls: { api_version: '2', sections: [{ name: 'S', controls }] },
  api_bot_settings: {
    param_definitions: ['think', 'budget', 'effort', 'style', 'note'].map((param_name) => ({
      param_name,
      param_dest: 'extra_body',
    })),
  },
});

describe('Bot tests: the parameter matrix', () => {
  it("each drop-down option, a switch both ways, a slider's min and max; conditional controls only where shown", () => {
    const bot = botWith([
      dropDown('effort', ['low', 'medium', 'high']),
      toggle('think', false),
      {
        control: 'condition',
        condition: { comparator: 'eq', left: { parameter_name: 'think' }, right: { literal: true } },
        controls: [slider('budget', 4)],
      },
      { control: 'text_field', label: 'note', parameter_name: 'note' },
    ]);
    const { variants, hidden } = expandControls(bot, { effort: 'low', think: false, budget: 4, note: '' });
    assert.deepEqual(
      variants.map((v) => v.label),
      [
        'effort=low',
        'effort=medium',
        'effort=high',
        'think=true',
        'think=false',
        'budget=2, think=true',
        'budget=10, think=true',
      ],
    );
    assert.deepEqual(hidden, []);
    assert.equal(
      variants.find((v) => v.label.startsWith('budget=10'))!.values.think,
      true,
      'the budget is tried where it shows',
    );
  });

  it('a control no values show is left out and named', () => {
    const bot = botWith([
      toggle('think', false),
      {
        control: 'condition',
        condition: { comparator: 'eq', left: { parameter_name: 'think' }, right: { literal: 'never' } },
        controls: [slider('budget')],
      },
    ]);
    assert.deepEqual(expandControls(bot, { think: false }).hidden, ['budget']);
  });

  it("plans a matrix case once per value, named with the values, over the case's own parameters", () => {
    const bot = botWith([dropDown('style', ['short', 'long']), toggle('think', false)]);
    const v = readTestFile(
      JSON.stringify({
        bot: 'B.poebot.json',
        cases: [
          { name: 'plain', messages: [{ role: 'user', content: 'hi' }] },
          {
            name: 'every control',
            matrix: 'controls',
            parameters: { think: true },
            messages: [{ role: 'user', content: 'hi' }],
          },
        ],
      }),
    );
    const planned = planCases(v.cases, bot);
    assert.deepEqual(
      planned.map((p) => p.id),
      ['0', '1/style=short', '1/style=long', '1/think=true', '1/think=false'],
    );
    assert.equal(planned[1]!.name, 'every control [style=short]');
    assert.equal(planned[1]!.values.think, true, "the case's parameters stay under the matrix");
  });

  it('a matrix over a bot with nothing to vary cannot run, and says so', () => {
    const v = readTestFile(
      JSON.stringify({
        bot: 'B.poebot.json',
        cases: [{ name: 'm', matrix: 'controls', messages: [{ role: 'user', content: 'hi' }] }],
      }),
    );
    assert.match(planCases(v.cases, { handle: 'B' })[0]!.case.problem!, /no drop-down, switch or slider to vary/);
  });
});

describe("Bot tests: the cost at the file's prices", () => {
  it('takes the context tier the prompt falls in, the base prices for what the tier leaves unset', async () => {
    const { messageCost } = await import('../../src/botfile/prices');
    const pricing = {
      prompt: '0.000001',
      completion: '0.000002',
      context_pricing: {
        tiers: [
          { min_tokens: 1000, max_tokens: 2000, prompt: '0.000010' },
          { min_tokens: 2000, prompt: '0.000100', completion: '0.000200' },
        ],
      },
    };
    assert.equal(messageCost(pricing, { inputTokens: 999, outputTokens: 10 }), 999 * 0.000001 + 10 * 0.000002);
    assert.equal(
      messageCost(pricing, { inputTokens: 1000, outputTokens: 10 }),
      1000 * 0.00001 + 10 * 0.000002,
      'min_tokens is inclusive; completion from the base',
    );
    assert.equal(
      messageCost(pricing, { inputTokens: 2000, outputTokens: 10 }),
      2000 * 0.0001 + 10 * 0.0002,
      'max_tokens is exclusive; no max is unlimited',
    );
  });

  it("the shipped schema compiles in ajv's strict mode, and the example file of the issue is valid against it", async () => {
    const Ajv = (await import('ajv')).default;
    const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
    ajv.addVocabulary([
      'markdownDescription',
      'markdownEnumDescriptions',
      'defaultSnippets',
      'allowComments',
      'allowTrailingCommas',
    ]);
    const validate = ajv.compile(schema);
    const ok = {
      $schema: 'poebot-schema:/poebot-test.schema.json',
      bot: 'MyBot.poebot.json',
      route: 'direct',
      cases: [
        {
          name: 'n',
          messages: [{ role: 'user', content: 'Bonjour' }],
          parameters: { enable_thinking: false },
          assert: [
            { type: 'icontains', value: 'bonjour' },
            { type: 'usage' },
            { type: 'max-latency-ms', value: 5000, of: 'first-words' },
            { type: 'max-cost-usd', value: 0.001 },
            { type: 'not-is-json', schema: {} },
          ],
        },
      ],
    };
    assert.equal(validate(ok), true, JSON.stringify(validate.errors));
    assert.equal(validate({ ...ok, cases: [{ name: 'n', messages: [], assert: [{ type: 'contians' }] }] }), false);
  });
});

describe('Bot tests: Save as Test', () => {
  it('the conversation up to the last question, its values, and the last reply as a draft contains', async () => {
    const { caseFrom } = await import('../../src/tests/saveCase');
    const c = caseFrom({
      messages: [
        { role: 'user', content: 'Bonjour' },
        {
          role: 'assistant',
          content: "Bonjour ! Comment puis-je vous aider aujourd'hui avec votre question ?\nLigne deux",
        },
      ],
      parameters: { enable_thinking: true },
    });
    assert.deepEqual(c, {
      name: 'Bonjour',
      messages: [{ role: 'user', content: 'Bonjour' }],
      parameters: { enable_thinking: true },
      assert: [{ type: 'contains', value: "Bonjour ! Comment puis-je vous aider aujourd'hui avec votre" }],
    });
    assert.match(caseFrom({ messages: [{ role: 'user', content: 'hi' }] }) as string, /no reply to save yet/);
  });

  it('a new file names the bot; an existing one is edited in place, its comments kept, the new case read back', async () => {
    const { addCase, testFileNameFor } = await import('../../src/tests/saveCase');
    assert.equal(testFileNameFor('MyBot.poebot.json'), 'MyBot.poebot-test.json');
    const c = {
      name: 'new',
      messages: [{ role: 'user', content: 'hi' }],
      assert: [{ type: 'contains', value: 'Hello' }],
    };
    const fresh = addCase(undefined, 'MyBot.poebot.json', c);
    assert.deepEqual(
      readTestFile(fresh.text).cases.map((x) => x.name),
      ['new'],
    );
    assert.equal(readTestFile(fresh.text).bot, 'MyBot.poebot.json');
    const existing =
      '{\n  // my tests\n  "bot": "MyBot.poebot.json",\n  "cases": [\n    { "name": "old", "messages": [{ "role": "user", "content": "x" }] }, // keep\n  ]\n}\n';
    const edited = addCase(existing, 'MyBot.poebot.json', c);
    assert.equal(edited.index, 1);
    assert.match(edited.text, /\/\/ my tests/);
    assert.match(edited.text, /\/\/ keep/);
    assert.deepEqual(
      readTestFile(edited.text).cases.map((x) => x.name),
      ['old', 'new'],
    );
    assert.throws(() => addCase('{ "cases": [', 'MyBot.poebot.json', c), /syntax errors: fix them/);
  });
});
