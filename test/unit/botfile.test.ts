// Bot files: every reference example validates, each wrong file is reported in the creator's words at the right
// place, and no mutated file can make parse → validate throw.
import assert from 'node:assert/strict';
import { validateBotFile } from '../../src/botfile/validate';
import { referenceExamples } from './referenceExamples';

function problemsOf(text: string) {
  return validateBotFile(text).problems;
}

/** The text a problem points at. */
function at(text: string, p: { offset: number; length: number }) {
  return text.slice(p.offset, p.offset + p.length);
}

describe('Bot files: the reference examples', () => {
  for (const [name, value] of Object.entries(referenceExamples)) {
    it(`${name} has no errors`, () => {
      const problems = problemsOf(JSON.stringify(value, null, 2));
      assert.deepEqual(
        problems.filter((p) => p.severity === 'error'),
        [],
      );
    });
  }

  it('accepts comments and trailing commas', () => {
    assert.deepEqual(problemsOf('// my bot\n{ "handle": "A", /* private */ "is_private": true, }\n'), []);
  });
});

interface Case {
  name: string;
  file: string;
  message: RegExp;
  points: string;
  severity?: 'error' | 'warning';
}
const base = (extra: string) => `{\n  "handle": "Bot1",\n${extra}\n}\n`;

const corpus: Case[] = [
  {
    name: 'a typo in a field name',
    file: base('  "api_bot_settings": { "modle_name": "m" }'),
    message: /Unknown field "modle_name": did you mean "model_name"\?/,
    points: '"modle_name"',
  },
  {
    name: 'an unknown top-level field',
    file: base('  "private": true'),
    message: /Unknown field "private"/,
    points: '"private"',
  },
  {
    name: 'a price as a number',
    file: base('  "api_bot_settings": { "pricing": { "prompt": 0.000001 } }'),
    message: /"prompt" must be text in double quotes/,
    points: '0.000001',
  },
  {
    name: 'a price with a dollar sign',
    file: base('  "api_bot_settings": { "pricing": { "completion": "$3" } }'),
    message: /decimal string of US dollars per single token/,
    points: '"$3"',
  },
  {
    name: 'a price per million by mistake',
    file: base('  "api_bot_settings": { "pricing": { "prompt": "3" } }'),
    message: /\$3000000 per 1M tokens.*dollars per single token/,
    points: '"3"',
    severity: 'warning',
  },
  {
    name: 'an http base_url',
    file: base('  "api_bot_settings": { "base_url": "http://api.example.com/v1" }'),
    message: /must be an https:\/\/ address/,
    points: '"http://api.example.com/v1"',
  },
  {
    name: 'a wrong api_type',
    file: base('  "api_bot_settings": { "api_type": "completions" }'),
    message: /must be one of: "chat_completions_api", "responses_api"/,
    points: '"completions"',
  },
  { name: 'a missing handle', file: '{ "description": "x" }', message: /Missing required field "handle"/, points: '{' },
  {
    name: 'a handle with a space (our assumption: a warning)',
    file: '{ "handle": "my bot" }',
    message: /Poe does not document which handles it accepts/,
    points: '"my bot"',
    severity: 'warning',
  },
  {
    name: 'an http base_url on this machine (a warning: develop against it, never push it)',
    file: base('  "api_bot_settings": { "base_url": "http://127.0.0.1:8000/v1" }'),
    message: /cannot reach a server on your machine, and a push refuses http/,
    points: '"http://127.0.0.1:8000/v1"',
    severity: 'warning',
  },
  {
    name: 'an https base_url on this machine',
    file: base('  "api_bot_settings": { "base_url": "https://localhost:8443/v1" }'),
    message: /cannot reach a server on your machine: the bot will not answer/,
    points: '"https://localhost:8443/v1"',
    severity: 'warning',
  },
  {
    name: 'a reserved parameter name',
    file: base(
      '  "api_bot_settings": { "param_definitions": [ { "param_name": "poe_x", "param_dest": "extra_body" } ] }',
    ),
    message: /must not start with "poe_"/,
    points: '"poe_x"',
  },
  {
    name: 'a hyphen in a parameter name',
    file: base(
      '  "parameter_controls": { "api_version": "2", "sections": [ { "controls": [ { "control": "toggle_switch", "label": "L", "parameter_name": "a-b" } ] } ] }',
    ),
    message: /no hyphens/,
    points: '"a-b"',
  },
  {
    name: 'a slider without bounds',
    file: base(
      '  "parameter_controls": { "api_version": "2", "sections": [ { "controls": [ { "control": "slider", "label": "L", "parameter_name": "t" } ] } ] }',
    ),
    message: /Missing required field "min_value"/,
    points: '{ "control": "slider"',
  },
  {
    name: 'an unknown control type',
    file: base(
      '  "parameter_controls": { "api_version": "2", "sections": [ { "controls": [ { "control": "knob", "label": "L" } ] } ] }',
    ),
    message: /must be one of: "divider"/,
    points: '"knob"',
  },
  {
    name: 'api_version 0',
    file: base('  "parameter_controls": { "api_version": "0", "sections": [] }'),
    message: /"api_version" must be "2"/,
    points: '"0"',
  },
  {
    name: 'video with the Responses API',
    file: base('  "api_bot_settings": { "api_type": "responses_api", "input_modalities": ["text", "video"] }'),
    message: /Video input works only with "api_type": "chat_completions_api"/,
    points: '"video"',
  },
  {
    name: 'max_input_tokens over context_size',
    file: base('  "api_bot_settings": { "max_input_tokens": 200000, "context_size": 128000 }'),
    message: /max_input_tokens \(200000\) is larger than context_size \(128000\)/,
    points: '200000',
  },
  {
    name: 'tiers out of order',
    file: base(
      '  "api_bot_settings": { "pricing": { "context_pricing": { "tiers": [ { "min_tokens": 128000, "max_tokens": 200000 }, { "min_tokens": 64000 } ] } } }',
    ),
    message: /sorted by min_tokens: 64000 comes after 128000/,
    points: '64000',
  },
  {
    name: 'overlapping tiers',
    file: base(
      '  "api_bot_settings": { "pricing": { "context_pricing": { "tiers": [ { "min_tokens": 1000, "max_tokens": 9000 }, { "min_tokens": 5000 } ] } } }',
    ),
    message: /starts at 5000, inside the previous tier/,
    points: '5000',
  },
  {
    name: 'an open tier before another',
    file: base(
      '  "api_bot_settings": { "pricing": { "context_pricing": { "tiers": [ { "min_tokens": 1000 }, { "min_tokens": 5000 } ] } } }',
    ),
    message: /no max_tokens \(no upper limit\), so it overlaps/,
    points: '{',
  },
  {
    name: 'a tier with min above max',
    file: base(
      '  "api_bot_settings": { "pricing": { "context_pricing": { "tiers": [ { "min_tokens": 9000, "max_tokens": 1000 } ] } } }',
    ),
    message: /max_tokens \(1000\) must be greater than min_tokens \(9000\)/,
    points: '1000',
  },
  {
    name: 'a slider default outside its range',
    file: base(
      '  "parameter_controls": { "api_version": "2", "sections": [ { "controls": [ { "control": "slider", "label": "L", "parameter_name": "t", "min_value": 0, "max_value": 2, "step": 0.1, "default_value": 5 } ] } ] }',
    ),
    message: /default_value 5 is outside 0…2/,
    points: '5',
  },
  {
    name: 'a slider step of 0',
    file: base(
      '  "parameter_controls": { "api_version": "2", "sections": [ { "controls": [ { "control": "slider", "label": "L", "parameter_name": "t", "min_value": 0, "max_value": 2, "step": 0 } ] } ] }',
    ),
    message: /step must be greater than 0/,
    points: '0 }',
  },
  {
    name: 'a drop-down default not among its options',
    file: base(
      '  "parameter_controls": { "api_version": "2", "sections": [ { "controls": [ { "control": "drop_down", "label": "L", "parameter_name": "d", "default_value": "c", "options": [ { "value": "a", "name": "A" } ] } ] } ] }',
    ),
    message: /default_value "c" is not one of the options \("a"\)/,
    points: '"c"',
  },
  {
    name: 'a section with controls and tabs',
    file: base(
      '  "parameter_controls": { "api_version": "2", "sections": [ { "controls": [], "tabs": [ { "name": "T", "controls": [] } ] } ] }',
    ),
    message: /either controls or tabs, not both/,
    points: '"tabs"',
  },
  {
    name: 'shared parameter with different defaults',
    file: base(
      '  "parameter_controls": { "api_version": "2", "sections": [ { "controls": [ { "control": "toggle_switch", "label": "A", "parameter_name": "p", "default_value": true }, { "control": "toggle_switch", "label": "B", "parameter_name": "p", "default_value": false } ] } ] }',
    ),
    message: /share the parameter "p" must share its default/,
    points: 'false',
  },
  {
    name: 'a definition without a control',
    file: base(
      '  "api_bot_settings": { "param_definitions": [ { "param_name": "ghost", "param_dest": "extra_body" } ] }',
    ),
    message: /No control in parameter_controls sets "ghost"/,
    points: '"ghost"',
    severity: 'warning',
  },
  {
    name: 'a control without a definition',
    file: base(
      '  "parameter_controls": { "api_version": "2", "sections": [ { "controls": [ { "control": "toggle_switch", "label": "A", "parameter_name": "lonely" } ] } ] }',
    ),
    message: /"lonely" has no entry in api_bot_settings.param_definitions/,
    points: '"lonely"',
    severity: 'warning',
  },
  {
    name: 'a literal endpoint key',
    file: base('  "api_bot_settings": { "api_key": "sk-live-123" }'),
    message: /endpoint key written in the file/,
    points: '"sk-live-123"',
    severity: 'warning',
  },
  {
    name: 'a broken key reference',
    file: base('  "api_bot_settings": { "api_key": "${secrets:X}" }'),
    message: /Not a valid key reference/,
    points: '"${secrets:X}"',
  },
  {
    name: 'a free public bot',
    file: base(
      '  "is_private": false,\n  "api_bot_settings": { "pricing": { "prompt": "0.000001", "completion": "0" } }',
    ),
    message: /charges nothing for output tokens/,
    points: '"0"',
    severity: 'warning',
  },
  {
    name: 'a missing comma',
    file: '{ "handle": "A" "description": "x" }',
    message: /A "," is expected between entries/,
    points: '"description"',
  },
  { name: 'an unclosed object', file: '{ "handle": "A", ', message: /A "}" is missing|A property name/, points: '' },
  { name: 'an empty file', file: '', message: /The file is empty/, points: '' },
];

describe('Bot files: wrong files are reported where they are', () => {
  for (const c of corpus) {
    it(c.name, () => {
      const problems = problemsOf(c.file);
      const hit = problems.find((p) => c.message.test(p.message));
      assert.ok(hit, `expected ${c.message} among:\n${problems.map((p) => `  ${p.severity} ${p.message}`).join('\n')}`);
      assert.equal(hit.severity, c.severity ?? 'error');
      if (c.points)
        assert.ok(
          at(c.file, hit).startsWith(c.points) || (c.points.startsWith(at(c.file, hit)) && at(c.file, hit).length > 0),
          `points at ${JSON.stringify(at(c.file, hit))}, expected ${JSON.stringify(c.points)}`,
        );
    });
  }
});

/** A small seeded PRNG (mulberry32), so a failing mutation can be replayed. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Bot files: 10,000 mutated files', () => {
  it('never make parse → validate throw, and every problem lies inside the text', function () {
    this.timeout(60_000);
    const random = rng(20261124);
    const seeds = [
      ...Object.values(referenceExamples).map((v) => JSON.stringify(v, null, 2)),
      ...corpus.map((c) => c.file),
    ];
    const junk = [
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"',
      '\\',
      '//',
      '/*',
      'null',
      'true',
      '-1e999',
      '0.5',
      '"poe_x"',
      '${secret:',
      '\u0000',
      '\ud800',
      ' ',
    ];
    for (let i = 0; i < 10_000; i++) {
      let text = seeds[Math.floor(random() * seeds.length)]!;
      for (let m = 0, n = 1 + Math.floor(random() * 4); m < n; m++) {
        const pos = Math.floor(random() * (text.length + 1));
        const r = random();
        if (r < 0.4) text = text.slice(0, pos) + text.slice(pos + 1 + Math.floor(random() * 8));
        else if (r < 0.8) text = text.slice(0, pos) + junk[Math.floor(random() * junk.length)] + text.slice(pos);
        else {
          const other = seeds[Math.floor(random() * seeds.length)]!;
          text = text.slice(0, pos) + other.slice(Math.floor(random() * other.length));
        }
      }
      let problems;
      try {
        problems = validateBotFile(text).problems;
      } catch (e) {
        assert.fail(`mutation ${i} threw ${String(e)} on:\n${text}`);
      }
      for (const p of problems)
        assert.ok(p.offset >= 0 && p.offset + p.length <= text.length + 1, `mutation ${i}: range out of text`);
    }
  });
});

describe('Bot files: the schema explains itself', () => {
  it('every property has a markdownDescription (hovers and completion show it)', async () => {
    const schema = (await import('../../schemas/poebot.schema.json')).default as Record<string, unknown>;
    const missing: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      for (const [k, v] of Object.entries((n.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        if (!v.markdownDescription && !v.$ref) missing.push(`${at}.${k}`);
        walk(v, `${at}.${k}`);
      }
      walk(n.items, `${at}[]`);
      for (const [k, v] of Object.entries((n.definitions ?? {}) as Record<string, unknown>)) walk(v, `#${k}`);
      for (const list of ['allOf', 'oneOf', 'anyOf'])
        (n[list] as unknown[] | undefined)?.forEach((x, i) => walk(x, `${at}/${list}${i}`));
    };
    walk(schema, '');
    assert.deepEqual(missing, []);
  });
});
