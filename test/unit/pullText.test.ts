// Pull into an existing file edits it in place: comments, order, formatting and the file's own key reference stay;
// only what Poe changed is touched.
import assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { normalizeBot } from '../../src/botfile/normalize';
import type { Bot } from '../../src/poe';
import { pullEdits, pulledText } from '../../src/sync';

const FILE = `{
  "$schema": "poebot-schema:/poebot.schema.json",
  // My tutor: keep it short.
  "handle": "Tutor",
  "is_private": true, // private while testing
  "description": "Old words",
  "api_bot_settings": {
    "base_url": "https://llm.example.org/v1", /* prod endpoint */
    "model_name": "m1",
    "api_key": "\${secret:prod-key}",
    "pricing": {
      // per token
      "prompt": "0.000002",
      "completion": "0.000008"
    },
    "input_modalities": ["text"]
  }
}
`;

const remote = (change: (b: Bot) => void = () => undefined): Bot => {
  const b: Bot = {
    handle: 'Tutor',
    description: 'Old words',
    is_private: true,
    api_bot_settings: {
      model_name: 'm1',
      base_url: 'https://llm.example.org/v1',
      input_modalities: ['text'],
      pricing: { prompt: '0.000002', completion: '0.000008' },
    },
  };
  change(b);
  return b;
};

describe('Pull into an existing file', () => {
  it('changes nothing when Poe says what the file says (comments, order and key reference included)', () => {
    assert.equal(pulledText(FILE, remote()), FILE);
  });

  it('edits only the values Poe changed, keeping every comment, the order and the key reference', () => {
    const out = pulledText(
      FILE,
      remote((b) => {
        b.description = 'New words';
        b.api_bot_settings!.pricing!.completion = '0.000009';
      }),
    );
    for (const comment of [
      '// My tutor: keep it short.',
      '// private while testing',
      '/* prod endpoint */',
      '// per token',
    ])
      assert.ok(out.includes(comment), comment);
    assert.ok(out.includes('"api_key": "${secret:prod-key}"'));
    assert.ok(out.includes('"description": "New words"'));
    assert.ok(out.includes('"completion": "0.000009"'));
    const lines = (t: string) => t.split('\n');
    assert.equal(lines(out).length, lines(FILE).length, 'no line added or removed');
    assert.ok(out.indexOf('"is_private"') < out.indexOf('"description"'), "the file's own order stays");
  });

  it("adds what Poe has and the file lacks, and removes what Poe no longer has, in the file's indentation", () => {
    const out = pulledText(
      FILE,
      remote((b) => {
        delete b.api_bot_settings!.input_modalities;
        b.api_bot_settings!.context_size = 131072;
      }),
    );
    const value = parse(out) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.equal(value.api_bot_settings.context_size, 131072);
    assert.equal(value.api_bot_settings.input_modalities, undefined);
    assert.equal(value.api_bot_settings.api_key, '${secret:prod-key}');
    assert.match(out, /\n {4}"context_size": 131072/);
    assert.ok(out.includes('// per token'));
  });

  it('the result says exactly what Poe has', () => {
    const bot = remote((b) => {
      b.description = 'D';
      b.is_private = false;
      b.api_bot_settings!.pricing = { prompt: '0.000001', completion: '0.000004', input_cache_reads: '0.0000001' };
    });
    const { $schema: _s, ...value } = parse(pulledText(FILE, bot)) as Record<string, unknown>;
    assert.deepEqual(normalizeBot(value), normalizeBot(bot));
  });

  it('a file with no key reference gets the one given; a new file is written whole; a broken one never', () => {
    const noKey = FILE.replace('    "api_key": "${secret:prod-key}",\n', '');
    assert.ok(pulledText(noKey, remote(), { kind: 'secret', name: 'Tutor' }).includes('"api_key": "${secret:Tutor}"'));
    assert.ok(
      pulledText(undefined, remote()).startsWith(
        '{\n  "$schema": "poebot-schema:/poebot.schema.json",\n  "handle": "Tutor"',
      ),
    );
    assert.throws(() => pulledText('{ "handle": ', remote()), /never rewritten/);
  });

  it('keeps a byte-order mark and CRLF line ends, and names the fields it changes', () => {
    const crlf = `\uFEFF${FILE.replace(/\n/g, '\r\n')}`;
    const { text, fields } = pullEdits(
      crlf,
      remote((b) => {
        b.description = 'New words';
        b.api_bot_settings!.context_size = 131072;
      }),
    );
    assert.ok(text.startsWith('\uFEFF{\r\n'), 'the BOM stays');
    assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, 'every line still ends in CRLF');
    assert.ok(text.includes('"description": "New words"') && text.includes('"context_size": 131072'));
    assert.deepEqual(fields, ['description', 'api_bot_settings.context_size']);
    assert.equal(pullEdits(crlf, remote()).text, crlf, 'nothing to change: not a byte changes');
  });
});
