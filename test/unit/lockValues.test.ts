// The values a lock file records (fingerprint, field digests, content hash) are those every committed lock file was
// written with: a faster way to make them must make the same ones, or a team's next plan would show every bot as
// changed on Poe. And a plan that trusts a matching fingerprint still reports a real change made on Poe.
import assert from 'node:assert/strict';
import { fingerprint } from '../../src/botfile/normalize';
import { planFiles } from '../../src/sync';
import { driftOf } from '../../src/sync/drift';
import { contentHash } from '../../src/sync/fileGate';
import { fieldDigests } from '../../src/sync/lockFile';
import { startHarness, type Harness } from './helpers';
import { botFile, testEnv } from './syncHelpers';

// Made by the code that wrote the first lock files (normalizeBot + canonicalJson; JSON.stringify of a sorted copy).
const BOTS: unknown[] = [
  {
    handle: 'A',
    description: 'x',
    is_private: true,
    api_bot_settings: {
      model_name: 'm',
      base_url: 'https://e.example/v1',
      api_key: 'sk-secret',
      api_type: 'chat_completions_api',
      input_modalities: ['text', 'image'],
      pricing: { completion: '0.2', prompt: '0.1', context_pricing: { tiers: [{ prompt: '1', min_tokens: 0 }] } },
    },
  },
  {
    $schema: 'poebot-schema:/poebot.schema.json',
    handle: 'B',
    description: 'é "quoted" \u2028 \n',
    zzz: 1,
    '10': 'ten',
    '9': 'nine',
    b: null,
    api_bot_settings: { max_input_tokens: 1.5e3, unknown_setting: { y: [1, { b: 2, a: 1 }], x: undefined } },
    parameter_controls: { sections: [], api_version: '2' },
  },
  { handle: 'C', api_bot_settings: 'not an object', description: undefined, is_private: false },
];
const FINGERPRINTS = [
  'dba4e1d6bdd7504a67989a9c6f6aec794fddf33c9315453044d956ad12b748e9',
  '327c705aca9d9ef73f368fc68e601d62ac5063ec9fbf38bdcc637eee6ebf9eb6',
  '8fceab1113f8d23929e4f74b857ea15846d70aeb84e5a0ece9ba6fb87ba2dee0',
];
const FIELDS = [
  {
    description: 'ba2df4903a2c14e8',
    is_private: 'b5bea41b6c623f7c',
    'api_bot_settings.model_name': '1d576f473e30e1b5',
    'api_bot_settings.base_url': '3935ca62e3362599',
    'api_bot_settings.api_type': 'ef93a0063ef0bfc6',
    'api_bot_settings.input_modalities': 'dd8ba2756017dda0',
    'api_bot_settings.pricing': 'bec6e9a771ab9473',
  },
  {
    description: '21ad987b70d5998a',
    'api_bot_settings.max_input_tokens': '9f69998560dcfd80',
    'api_bot_settings.unknown_setting': 'd64aadc81bca5c5b',
    parameter_controls: '1fa35ba5471ef158',
  },
  { is_private: 'fcbcf165908dd18a', api_bot_settings: 'a4f14cf4b688620f' },
];
const TEXTS: [string, string][] = [
  [
    '{\n  "$schema": "poebot-schema:/poebot.schema.json",\n  "handle": "A",\n  // a comment\n  "description": "x",\n  "10": 1, "9": [2, {"z": 1, "a": null}],\n  "api_bot_settings": { "api_key": "${secret:K}", "base_url": "https://e.example" },\n}\n',
    'b0ed1951c2c97170f31730db0ab1da7ae8c5a16eee78814c033cb18321cb16ae',
  ],
  ['{ "handle": "broken", ', '8201303c249eb18531a1575f0bb6c38be58335d0323e7992315cb436ede6b911'],
  [
    '\uFEFF{"handle":"Bom","description":"ü\\u0000"}',
    'caeaa67bd2f5ae69c7c0fd6f0ef02f657d9be37a5512384cee118c0d1b7c00b6',
  ],
];

describe('The values a lock file records', () => {
  it('fingerprints, field digests and content hashes are the ones committed lock files already hold', async () => {
    assert.deepEqual(
      BOTS.map((b) => fingerprint(b)),
      FINGERPRINTS,
    );
    assert.deepEqual(
      BOTS.map((b) => fieldDigests(b)),
      FIELDS,
    );
    for (const [text, hash] of TEXTS) assert.equal(await contentHash(text), hash, text);
  });

  it('the fingerprint ignores key order, $schema and the key; integer-like keys of a file keep their numeric order', async () => {
    const a = { handle: 'X', api_bot_settings: { base_url: 'https://h', model_name: 'm' }, description: 'd' };
    const b = {
      $schema: 's',
      description: 'd',
      handle: 'X',
      api_bot_settings: { model_name: 'm', api_key: 'k', base_url: 'https://h' },
    };
    assert.equal(fingerprint(a), fingerprint(b));
    assert.notEqual(fingerprint(a), fingerprint({ ...a, description: 'e' }));
    assert.equal(
      await contentHash('{"10": 1, "9": 2, "b": 3, "a": 4}'),
      await contentHash('{"a": 4, "b": 3, "9": 2, "10": 1}'),
    );
  });
});

describe('Drift when the fingerprint matches', () => {
  const was = { handle: 'D', description: 'as pulled', is_private: true };

  it('a remote with the recorded fingerprint is no drift, whatever the recorded fields say', () => {
    const base = { handle: 'D', fingerprint: fingerprint(was), fields: { description: 'not this digest' } };
    assert.equal(driftOf(base, structuredClone(was), was), undefined);
    assert.equal(driftOf(base, structuredClone(was), was, fingerprint(was)), undefined);
  });

  it('a remote changed on Poe is reported field by field, with values, when its fingerprint is handed over', () => {
    const base = { handle: 'D', fingerprint: fingerprint(was), fields: fieldDigests(was) };
    const now = { ...was, description: 'edited on poe.com' };
    const drift = driftOf(base, now, was, fingerprint(now));
    assert.equal(drift?.kind, 'changed');
    assert.deepEqual(drift?.fields, [
      { path: 'description', now: 'edited on poe.com', wasKnown: true, was: 'as pulled' },
    ]);
  });

  describe('in a plan of a folder', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness();
    });
    afterEach(async () => {
      await h.fake.stop();
    });

    it('an unchanged bot is up to date with its memory as it was; a change on Poe is reported, and remembered once the file has it', async () => {
      const tutor = structuredClone(h.fake.peek('ThinkingTutor')!.bot);
      const draft = structuredClone(h.fake.peek('DraftBot')!.bot);
      const t = testEnv(h, { a: botFile({ ...tutor }), b: botFile({ ...draft }) });
      for (const [id, bot] of [
        ['a', tutor],
        ['b', draft],
      ] as const)
        await t.baselines.set(
          { id, label: id },
          { handle: bot.handle, fingerprint: fingerprint(bot), fields: fieldDigests(bot), contentHash: 'as pulled' },
        );
      const changed = { ...draft, description: 'edited on poe.com' };
      h.fake.putBehindTheBack(changed);

      const { work, upToDate } = await planFiles(t.env, t.refs('a', 'b'), { verb: 'auto' });
      assert.deepEqual(
        upToDate.map((p) => [p.prepared.handle, p.drift]),
        [['ThinkingTutor', undefined]],
      );
      assert.deepEqual(t.baselines.get({ id: 'a', label: 'a' })?.fields, fieldDigests(tutor));
      assert.equal(t.baselines.get({ id: 'a', label: 'a' })?.fingerprint, fingerprint(tutor));
      assert.equal(t.baselines.get({ id: 'a', label: 'a' })?.contentHash, await contentHash(t.files.a!));
      assert.equal(work.length, 1);
      assert.equal(work[0]!.prepared.handle, 'DraftBot');
      assert.deepEqual(work[0]!.drift?.fields, [
        { path: 'description', now: 'edited on poe.com', wasKnown: true, was: draft.description },
      ]);

      // The file takes Poe's change: up to date, and the memory now holds Poe's new copy, field by field.
      t.files.b = botFile({ ...changed });
      const again = await planFiles(t.env, t.refs('b'), { verb: 'auto' });
      assert.equal(again.upToDate.length, 1);
      assert.equal(t.baselines.get({ id: 'b', label: 'b' })?.fingerprint, fingerprint(changed));
      assert.deepEqual(t.baselines.get({ id: 'b', label: 'b' })?.fields, fieldDigests(changed));
    });

    it('a memory that keeps nothing (plan, drift) gets the same plan, and is left as it was', async () => {
      const draft = structuredClone(h.fake.peek('DraftBot')!.bot);
      const tutor = structuredClone(h.fake.peek('ThinkingTutor')!.bot);
      const t = testEnv(h, { a: botFile({ ...tutor }), b: botFile({ ...draft }) });
      const recorded = { handle: draft.handle, fingerprint: fingerprint(draft), fields: fieldDigests(draft) };
      await t.baselines.set({ id: 'b', label: 'b' }, recorded);
      Object.assign(t.baselines, { readOnly: true });
      h.fake.putBehindTheBack({ ...draft, description: 'edited on poe.com' });
      const { work, upToDate } = await planFiles(t.env, t.refs('a', 'b'), { verb: 'auto' });
      assert.deepEqual(
        upToDate.map((p) => p.prepared.handle),
        ['ThinkingTutor'],
      );
      assert.deepEqual(
        work.map((p) => [p.prepared.handle, p.drift?.fields.map((f) => f.path)]),
        [['DraftBot', ['description']]],
      );
      assert.deepEqual([...t.baselines.map.keys()], ['b']);
      assert.deepEqual(t.baselines.get({ id: 'b', label: 'b' }), recorded);
    });
  });
});
