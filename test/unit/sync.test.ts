// The push flow (src/sync) against the strict fake, under every answer Poe's docs leave open: the same flow the
// editor and the command line run, with the creator's answers scripted.
import assert from 'node:assert/strict';
import { rememberSecret } from '../../src/poe';
import { pushFiles } from '../../src/sync';
import type { FakeModes } from '../fake-poe/server';
import { startHarness, type Harness } from './helpers';
import { botFile, testEnv } from './syncHelpers';

const MODES: FakeModes[] = [
  { merge: 'shallow', putWithoutKey: 'clears' },
  { merge: 'deep', putWithoutKey: 'keeps' },
  { merge: 'shallow', putWithoutKey: 'keeps' },
  { merge: 'deep', putWithoutKey: 'clears' },
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test edits the bot freely
const tutor = (h: Harness, change: (b: Record<string, any>) => void = () => undefined) => {
  const b = structuredClone(h.fake.peek('ThinkingTutor')!.bot) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  change(b);
  return botFile(b);
};

for (const modes of MODES) {
  describe(`Push flow (fake: merge ${modes.merge}, PUT without a key ${modes.putWithoutKey})`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness({ fake: { modes } });
    });
    afterEach(async () => {
      await h.fake.stop();
    });

    it('update: GET to plan, GET again right before the write, PATCH of what changed, GET to verify; Poe ends up as the file says', async () => {
      const t = testEnv(
        h,
        {
          a: tutor(h, (b) => {
            b.description = 'Sharper';
            b.api_bot_settings.pricing.prompt = '0.0000007';
          }),
        },
        { confirm: ['push'] },
      );
      const { results } = await pushFiles(t.env, t.refs('a'), { verb: 'auto' });
      assert.equal(results[0]?.outcome, 'pushed');
      assert.deepEqual(results[0]?.notTaken, []);
      assert.deepEqual(
        h.fake.log.map((r) => r.method),
        ['GET', 'GET', 'PATCH', 'GET'],
      );
      const after = h.fake.peek('ThinkingTutor')!;
      assert.equal(after.bot.description, 'Sharper');
      assert.equal(after.bot.api_bot_settings?.pricing?.prompt, '0.0000007');
      assert.equal(
        after.bot.api_bot_settings?.pricing?.input_cache_reads,
        '0.0000005',
        'the rest of pricing is intact under either merge',
      );
      assert.equal(after.apiKey, 'sk-demo-endpoint-2');
    });

    it('a price removed from the file: the plan says it may stay, and the read-back tells what Poe did', async () => {
      const t = testEnv(
        h,
        {
          a: tutor(h, (b) => {
            delete b.api_bot_settings.pricing.input_cache_reads;
          }),
        },
        { confirm: ['push'] },
      );
      const { results } = await pushFiles(t.env, t.refs('a'), { verb: 'auto' });
      assert.match(t.asked[0]!.detail, /Poe may keep them .*pricing\.input_cache_reads/);
      const kept = h.fake.peek('ThinkingTutor')!.bot.api_bot_settings?.pricing?.input_cache_reads !== undefined;
      assert.equal(kept, modes.merge === 'deep');
      assert.deepEqual(
        results[0]?.notTaken,
        kept ? ['api_bot_settings.pricing'] : [],
        'a field Poe kept is reported after the push',
      );
    });

    it("replace sends the key with the whole bot, so the stored key is the file's whatever PUT does without one", async () => {
      const t = testEnv(
        h,
        {
          a: tutor(h, (b) => {
            delete b.parameter_controls;
            delete b.api_bot_settings.param_definitions;
            b.api_bot_settings.api_key = '${secret:TUTOR}';
          }),
        },
        { confirm: ['push'], secrets: { TUTOR: 'sk-tutor-new-3' } },
      );
      const { results } = await pushFiles(t.env, t.refs('a'), { verb: 'replace' });
      assert.equal(results[0]?.outcome, 'pushed');
      assert.match(t.asked[0]!.detail, /Reset, because the file does not have them: .*parameter_controls/);
      assert.match(
        t.asked[0]!.detail,
        /endpoint key from \$\{secret:TUTOR\} is sent, for Poe to use with llm\.example\.org/,
      );
      assert.equal(h.fake.peek('ThinkingTutor')!.apiKey, 'sk-tutor-new-3');
    });

    it('replace without a resolvable key is refused before anything is written', async () => {
      const t = testEnv(h, { a: tutor(h) });
      const { results } = await pushFiles(t.env, t.refs('a'), { verb: 'replace' });
      assert.equal(results[0]?.outcome, 'refused');
      assert.ok(h.fake.writes().length === 0);
      assert.equal(h.fake.peek('ThinkingTutor')!.apiKey, 'sk-demo-endpoint-2');
    });
  });
}

describe('Push flow: questions, conflicts, cancel', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.fake.stop();
  });

  it('confirmUpdates off skips the question for a plain update, never for a line about keys', async () => {
    const plain = testEnv(
      h,
      {
        a: tutor(h, (b) => {
          b.description = 'quiet';
        }),
      },
      { confirmUpdates: false },
    );
    assert.equal((await pushFiles(plain.env, plain.refs('a'), { verb: 'auto' })).results[0]?.outcome, 'pushed');
    assert.equal(plain.asked.length, 0);

    const moved = testEnv(
      h,
      {
        a: tutor(h, (b) => {
          b.api_bot_settings.base_url = 'https://new-host.example/v1';
        }),
      },
      { confirmUpdates: false, confirm: ['cancel'] },
    );
    const r = await pushFiles(moved.env, moved.refs('a'), { verb: 'auto' });
    assert.equal(moved.asked.length, 1, 'asked although confirmUpdates is off');
    assert.match(
      moved.asked[0]!.detail,
      /^Poe will send the endpoint key it stores to new-host\.example \(until now: llm\.example\.org\)\.$/m,
    );
    assert.equal(r.results[0]?.outcome, 'cancelled');
    assert.equal(h.fake.peek('ThinkingTutor')!.bot.api_bot_settings?.base_url, 'https://llm.example.org/v1');
  });

  it('names the reference and the host when a key is sent: ${env:…} and ${secret:…} alike', async () => {
    const file = (key: string) =>
      botFile({
        handle: 'KeyBot',
        api_bot_settings: { model_name: 'm', base_url: 'https://collector.example/v1', api_key: key },
      });
    const t = testEnv(
      h,
      { a: file('${env:SOME_VAR}'), b: file('${secret:SOME_SECRET}') },
      {
        confirm: ['cancel', 'cancel'],
        env: { SOME_VAR: 'sk-env-1111' },
        secrets: { SOME_SECRET: 'sk-secret-2222' },
        confirmUpdates: false,
      },
    );
    await pushFiles(t.env, t.refs('a'), { verb: 'auto' });
    await pushFiles(t.env, t.refs('b'), { verb: 'auto' });
    assert.match(
      t.asked[0]!.detail,
      /endpoint key from \$\{env:SOME_VAR\} is sent, for Poe to use with collector\.example/,
    );
    assert.match(
      t.asked[1]!.detail,
      /endpoint key from \$\{secret:SOME_SECRET\} is sent, for Poe to use with collector\.example/,
    );
    assert.equal(h.fake.writes().length, 0);
  });

  it('a folder push lists bots changed on Poe since their baseline; Skip pushes only the others', async () => {
    const files = { a: tutor(h), b: botFile({ ...h.fake.peek('DraftBot')!.bot }) };
    const t = testEnv(h, files, { confirm: ['skipConflicts'] });
    for (const [id, handle] of [
      ['a', 'ThinkingTutor'],
      ['b', 'DraftBot'],
    ] as const) {
      await t.baselines.set(
        { id, label: id },
        { handle, fingerprint: (await import('../../src/botfile/normalize')).fingerprint(h.fake.peek(handle)!.bot) },
      );
    }
    h.fake.putBehindTheBack({ ...h.fake.peek('DraftBot')!.bot, description: 'edited on poe.com' });
    files.a = tutor(h, (b) => {
      b.description = 'mine';
    });
    files.b = botFile({ ...h.fake.peek('DraftBot')!.bot, description: 'mine too' });
    const { results } = await pushFiles(t.env, t.refs('a', 'b'), { verb: 'auto' });
    assert.match(t.asked[0]!.detail, /Changed on Poe since you last pulled or pushed them: DraftBot/);
    assert.deepEqual(results.map((r) => `${r.handle} ${r.outcome}`).sort(), [
      'DraftBot skipped',
      'ThinkingTutor pushed',
    ]);
    assert.equal(h.fake.peek('DraftBot')!.bot.description, 'edited on poe.com', 'the change made on Poe is kept');
  });

  it('Cancel during a folder push stops before the next write and reports what was written', async () => {
    const ac = new AbortController();
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++)
      files[`f${i}`] = botFile({
        handle: `Cancel${i}`,
        api_bot_settings: { model_name: 'm', base_url: 'https://e.example/v1' },
      });
    const t = testEnv(h, files, { confirm: ['push'], signal: ac.signal });
    t.env.concurrency = 1;
    t.env.questions.progress = (p) => {
      if (p.phase === 'writing' && p.done === 2) ac.abort();
    };
    const report = await pushFiles(t.env, t.refs(...Object.keys(files)), { verb: 'auto' });
    assert.equal(report.cancelled, true);
    assert.deepEqual(
      report.results.map((r) => r.outcome),
      ['pushed', 'pushed', 'cancelled', 'cancelled', 'cancelled', 'cancelled'],
    );
    assert.equal(h.fake.writes().length, 2, 'no write after the cancel');
  });

  it('a refusal from Poe is placed on the field it names, or on the whole file; a key it echoes is never in the message', async () => {
    const key = 'sk-echo-in-400-9876';
    rememberSecret(key);
    const t = testEnv(
      h,
      {
        a: tutor(h, (b) => {
          b.description = 'x';
        }),
        b: tutor(h, (b) => {
          b.description = 'y';
        }),
      },
      { confirm: ['push', 'push'] },
    );
    h.fake.inject({
      method: 'PATCH',
      fault: {
        status: 400,
        body: JSON.stringify({
          error: {
            message: "Invalid value for 'api_bot_settings.pricing.prompt': too precise",
            type: 'invalid_request_error',
          },
        }),
      },
    });
    const one = (await pushFiles(t.env, t.refs('a'), { verb: 'auto' })).results[0]!;
    assert.deepEqual(one.problem?.path, ['api_bot_settings', 'pricing', 'prompt']);
    h.fake.inject({
      method: 'PATCH',
      fault: {
        status: 400,
        body: JSON.stringify({ error: { message: `This bot cannot be changed right now (${key})` } }),
      },
    });
    const two = (await pushFiles(t.env, t.refs('b'), { verb: 'auto' })).results[0]!;
    assert.deepEqual(two.problem?.path, [], 'no field named: the file as a whole');
    assert.ok(!two.message!.includes(key) && !two.problem!.message.includes(key));
  });

  it('a missing secret refuses that file in a folder push, and asks in a single push', async () => {
    const file = botFile({
      handle: 'NeedsKey',
      api_bot_settings: { model_name: 'm', base_url: 'https://e.example/v1', api_key: '${secret:LATER}' },
    });
    const folder = testEnv(h, { a: file, b: file.replace('NeedsKey', 'Other') });
    const r = await pushFiles(folder.env, folder.refs('a', 'b'), { verb: 'auto' });
    assert.ok(r.results.every((x) => x.outcome === 'refused' && /No endpoint secret named "LATER"/.test(x.message!)));
    const secrets: Record<string, string> = {};
    const single = testEnv(h, { a: file }, { confirm: ['push'], secrets });
    single.env.questions.missingSecret = async (name) => {
      secrets[name] = 'sk-typed-now-1';
      return true;
    };
    assert.equal((await pushFiles(single.env, single.refs('a'), { verb: 'auto' })).results[0]?.outcome, 'pushed');
    assert.equal(h.fake.peek('NeedsKey')!.apiKey, 'sk-typed-now-1');
  });

  it('written but not read back: its own outcome, and the last baseline stays as it was', async () => {
    const t = testEnv(
      h,
      {
        a: tutor(h, (b) => {
          b.description = 'written, then unreadable';
        }),
      },
      { confirm: ['push'] },
    );
    const before = { handle: 'ThinkingTutor', fingerprint: 'as-last-pulled' };
    await t.baselines.set({ id: 'a', label: 'a' }, before);
    const client = t.env.client;
    let wrote = false;
    t.env.client = {
      ...client,
      getBot: (handle, o) => (wrote ? Promise.reject(new Error('the read-back broke')) : client.getBot(handle, o)),
      updateBot: async (handle, body) => {
        const r = await client.updateBot(handle, body);
        wrote = true;
        return r;
      },
      createBot: client.createBot.bind(client),
      replaceBot: client.replaceBot.bind(client),
      listBots: client.listBots.bind(client),
    };
    const r = await pushFiles(t.env, t.refs('a'), { verb: 'auto' });
    assert.equal(r.results[0]!.outcome, 'unverified');
    assert.match(r.results[0]!.message!, /Written, but reading it back failed: the read-back broke/);
    assert.equal(
      h.fake.peek('ThinkingTutor')!.bot.description,
      'written, then unreadable',
      'the write itself went through',
    );
    assert.deepEqual(t.baselines.get({ id: 'a', label: 'a' }), before);
  });

  it('a rejected Poe key stops the whole run with one error, asking Poe nothing more', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`f${i}`, botFile({ handle: `Bot${i}`, description: 'x' })]),
    );
    const bad = await startHarness({ key: 'poe-wrong-key-999999' });
    try {
      const t = testEnv(bad, files);
      await assert.rejects(pushFiles(t.env, t.refs(...Object.keys(files)), { verb: 'auto' }), /rejected the API key/);
      assert.ok(bad.fake.log.length <= 4, `${bad.fake.log.length} requests`);
    } finally {
      await bad.fake.stop();
    }
  });
});
