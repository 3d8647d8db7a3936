// The field table (src/botfile/fields.ts) is the one list of a bot's fields: it must say exactly what the schema says,
// and what the fake Poe (written from the reference, not from the table) accepts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CONTROL_KINDS } from '../../src/botfile/controls';
import { BOT_FIELDS, FILE_ORDER, SETTINGS_FIELDS } from '../../src/botfile/fields';
import { renderBotFile } from '../../src/botfile/normalize';
import { planPush } from '../../src/botfile/plan';
import { SETTINGS as FAKE_SETTINGS, TOP as FAKE_TOP } from '../fake-poe/validate';

const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../schemas/poebot.schema.json'), 'utf8'));
const resolve = (node: { $ref?: string }) =>
  node.$ref
    ? node.$ref
        .replace('#/', '')
        .split('/')
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking a JSON document
        .reduce((o: any, k) => o[k], schema)
    : node;

describe('The field table', () => {
  it('has every top-level field of the schema and no other', () => {
    assert.deepEqual(
      Object.keys(resolve(schema).properties)
        .filter((k) => k !== '$schema')
        .sort(),
      Object.keys(BOT_FIELDS).sort(),
    );
  });

  it('has every api_bot_settings field of the schema and no other', () => {
    assert.deepEqual(
      Object.keys(resolve(resolve(schema).properties.api_bot_settings).properties).sort(),
      Object.keys(SETTINGS_FIELDS).sort(),
    );
  });

  it('agrees with the fields the fake Poe accepts', () => {
    assert.deepEqual([...FAKE_TOP].sort(), Object.keys(BOT_FIELDS).sort());
    assert.deepEqual([...FAKE_SETTINGS].sort(), Object.keys(SETTINGS_FIELDS).sort());
  });

  it('orders a written file, and drives what an update sends', () => {
    const text = renderBotFile({
      parameter_controls: { api_version: '2', sections: [] },
      is_private: true,
      api_bot_settings: { pricing: { completion: '2', prompt: '1' }, model_name: 'm' },
      description: 'd',
      handle: 'H',
    } as never);
    assert.deepEqual(Object.keys(JSON.parse(text)), ['$schema', ...FILE_ORDER['']!]);
    assert.deepEqual(Object.keys(JSON.parse(text).api_bot_settings), ['model_name', 'pricing']);
    const remote = { handle: 'H', description: 'd', is_private: true, api_bot_settings: { model_name: 'm' } };
    for (const field of Object.keys(BOT_FIELDS).filter(
      (k) => BOT_FIELDS[k as keyof typeof BOT_FIELDS].patch !== 'identity' && k !== 'api_bot_settings',
    )) {
      const value =
        field === 'parameter_controls'
          ? { api_version: '2', sections: [] }
          : field === 'is_private'
            ? false
            : 'changed';
      const p = planPush({ verb: 'update', local: { ...remote, [field]: value }, remote: remote as never });
      assert.deepEqual(p.changed, [field], `an update sends a changed ${field}`);
    }
  });
});

describe('The control kinds table', () => {
  it('has every kind of control the schema allows that sets a parameter, and no other', () => {
    const kinds =
      schema.definitions?.baseControl?.properties?.control?.enum ??
      schema.$defs?.baseControl?.properties?.control?.enum;
    assert.ok(Array.isArray(kinds), 'the schema lists the kinds of control');
    assert.deepEqual(kinds.filter((k: string) => k !== 'divider').sort(), Object.keys(CONTROL_KINDS).sort());
  });
});
