// Placing a refusal on a field: a refusal of any length is searched only at its opening, so a 256 KB sentence costs
// what a short one does (it took 20 s before).
import assert from 'node:assert/strict';
import { MAX_REFUSAL_SCAN_CHARS } from '../../src/poe';
import { locateServerProblem } from '../../src/sync/serverProblem';

const bot = {
  handle: 'Tutor',
  description: 'x',
  api_bot_settings: {
    base_url: 'https://e.example/v1',
    model_name: 'm',
    pricing: { prompt: '0.1', completion: '0.2' },
    parameter_controls: {
      api_version: '2',
      sections: Array.from({ length: 20 }, (_, i) => ({
        name: `s${i}`,
        controls: [{ control: 'text_field', label: `l${i}`, parameter_name: `p${i}` }],
      })),
    },
  },
};

describe('Placing a refusal', () => {
  it('a 256 KB refusal naming a field at its start is placed there, at once', () => {
    const words = Array.from({ length: 12_000 }, (_, i) => `settings.field_${i}.value[${i}]`).join(' ');
    const message = `Invalid value for 'api_bot_settings.pricing.prompt': ${words}`;
    assert.ok(message.length > 256 * 1024);
    const started = performance.now();
    assert.deepEqual(locateServerProblem(message, bot), ['api_bot_settings', 'pricing', 'prompt']);
    assert.ok(performance.now() - started < 2000, 'linear in the opening searched, not in the message');
  });

  it('only the opening is searched: a field named past it belongs to the file as a whole', () => {
    const message = `${'x '.repeat(MAX_REFUSAL_SCAN_CHARS)} api_bot_settings.pricing.prompt`;
    assert.deepEqual(locateServerProblem(message, bot), []);
    assert.deepEqual(locateServerProblem('bad api_bot_settings.pricing.completion', bot), [
      'api_bot_settings',
      'pricing',
      'completion',
    ]);
  });
});
