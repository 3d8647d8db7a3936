// The file gate, through the pull flow every caller uses: which file a pulled bot goes to, and what is never written
// (another bot's file, a file mid-merge or broken, a handle claimed twice or not a plain name, the creator's edits).
import assert from 'node:assert/strict';
import type { Bot } from '../../src/poe';
import {
  conflictMarkerLine,
  planPull,
  pushFiles,
  contentHash,
  unsafeHandle,
  writePull,
  type BotFileRef,
  type FileQuestions,
  type PullEnv,
} from '../../src/sync';
import { MemoryBaselines, testEnv } from './syncHelpers';

const bot = (handle: string, description = 'From Poe'): Bot => ({
  handle,
  description,
  is_private: true,
  api_bot_settings: { model_name: 'm1', base_url: 'https://llm.example.org/v1' },
});

/** A folder in memory: files by name, claims found by "handle" as the CLI and the editor find them. */
function folder(files: Record<string, string>, bots: Bot[], questions?: FileQuestions) {
  const ref = (name: string): BotFileRef => ({ id: `/bots/${name}`, label: name });
  const writes: string[] = [];
  const baselines = new MemoryBaselines();
  const env: PullEnv = {
    client: { listBots: async () => bots },
    read: async (f) => files[f.label],
    write: async (f, text) => {
      writes.push(f.label);
      files[f.label] = text;
    },
    filesFor: async (handle) =>
      Object.entries(files)
        .filter(([, text]) => (/"handle":\s*"([^"]*)"/.exec(text)?.[1] ?? '').toLowerCase() === handle.toLowerCase())
        .map(([name]) => ref(name)),
    newFile: ref,
    questions,
    baselines,
  };
  return { env, files, writes, baselines };
}

describe("The file gate (every pull: the editor's Pull and Pull All, poe-bots pull)", () => {
  it('never replaces a file that holds another handle: asks, then writes <handle>.pulled.poebot.json, or leaves both', async () => {
    const draft = '{ "handle": "TutorNext", "description": "my draft" }\n';
    const asked: string[] = [];
    const yes = folder({ 'Tutor.poebot.json': draft }, [bot('Tutor')], {
      otherHandle: async (q) => {
        asked.push(`${q.file.label} holds ${q.holds}; ${q.instead.label}?`);
        return true;
      },
    });
    const [p] = await writePull(yes.env, await planPull(yes.env));
    assert.deepEqual(asked, ['Tutor.poebot.json holds TutorNext; Tutor.pulled.poebot.json?']);
    assert.equal(p!.file!.label, 'Tutor.pulled.poebot.json');
    assert.equal(p!.instead?.holds, 'TutorNext');
    assert.equal(yes.files['Tutor.poebot.json'], draft, 'the draft is untouched');
    assert.deepEqual(yes.writes, ['Tutor.pulled.poebot.json']);

    const no = folder({ 'Tutor.poebot.json': draft }, [bot('Tutor')], { otherHandle: async () => false });
    const [q] = await writePull(no.env, await planPull(no.env));
    assert.equal(q!.change, 'refused');
    assert.match(q!.reason!, /Tutor\.poebot\.json holds "TutorNext", not "Tutor"/);
    assert.deepEqual(no.writes, []);
  });

  it('refuses a file with conflict markers or a syntax error, naming the file and the line', async () => {
    const conflict =
      '{\n  "handle": "Tutor",\n<<<<<<< HEAD\n  "description": "ours"\n=======\n  "description": "theirs"\n>>>>>>> main\n}\n';
    const broken = '{\n  "handle": "Glm",\n  "description": "x"\n  "is_private": true\n}\n';
    const f = folder({ 'Tutor.poebot.json': conflict, 'Glm.poebot.json': broken }, [bot('Tutor'), bot('Glm')]);
    const done = await writePull(f.env, await planPull(f.env));
    assert.deepEqual(
      done.map((p) => p.change),
      ['refused', 'refused'],
    );
    assert.match(done[0]!.reason!, /Tutor\.poebot\.json has merge-conflict markers \(line 3\)/);
    assert.match(done[1]!.reason!, /Glm\.poebot\.json does not parse \(line 4: A "," is expected between entries\)/);
    assert.deepEqual(f.writes, []);
    assert.equal(f.files['Tutor.poebot.json'], conflict);
    assert.equal(conflictMarkerLine('a\n=======\n'), 2);
    assert.equal(conflictMarkerLine('"a": "<<<<<<< not at a line start"'), undefined);
  });

  it('refuses a handle claimed by two files (ignoring case), naming both, and never adds a third', async () => {
    const f = folder({ 'a.poebot.json': '{ "handle": "MyBot" }', 'b.poebot.json': '{ "handle": "mybot" }' }, [
      bot('MyBot'),
    ]);
    const [p] = await writePull(f.env, await planPull(f.env, ['MyBot']));
    assert.equal(p!.change, 'refused');
    assert.match(p!.reason!, /2 files claim the handle "MyBot": a\.poebot\.json, b\.poebot\.json/);
    assert.deepEqual(Object.keys(f.files).sort(), ['a.poebot.json', 'b.poebot.json']);
  });

  it('refuses a file whose handle differs only in case, and two bots that would share one file', async () => {
    const f = folder({ 'x.poebot.json': '{ "handle": "mybot" }' }, [bot('MyBot')]);
    const [p] = await planPull(f.env);
    assert.match(p!.reason!, /holds "mybot", which differs from "MyBot" only in case/);
    const g = folder({}, [bot('Same'), bot('Same')]);
    const both = await planPull(g.env);
    assert.deepEqual(
      both.map((b) => b.change),
      ['new', 'refused'],
    );
  });

  it('refuses a handle that is not a plain file name, naming it', async () => {
    for (const h of ['../../x', 'a/b', 'a\\b', '..', 'nul\u0000', 'tab\there', ''])
      assert.ok(unsafeHandle(h), JSON.stringify(h));
    for (const h of ['GlmHelper', 'my.bot-2', 'A_b']) assert.equal(unsafeHandle(h), undefined, h);
    const f = folder({}, [bot('../../x')]);
    const [p] = await writePull(f.env, await planPull(f.env));
    assert.equal(p!.change, 'refused');
    assert.match(p!.reason!, /Poe sent the handle "\.\.\/\.\.\/x", which is not a plain file name/);
    assert.deepEqual(f.writes, []);
  });

  it('a file edited since it was last pulled is written only when the caller says so; an unedited one is', async () => {
    const f = folder({}, [bot('Tutor', 'v1')]);
    await writePull(f.env, await planPull(f.env));
    assert.equal(
      f.baselines.get({ id: '/bots/Tutor.poebot.json', label: '' })?.contentHash,
      await contentHash(f.files['Tutor.poebot.json']!),
    );
    f.env.client = { listBots: async () => [bot('Tutor', 'v2')] };
    const unedited = await planPull(f.env);
    assert.equal(unedited[0]!.edited, false, 'Poe changed, the creator did not');
    f.files['Tutor.poebot.json'] = f.files['Tutor.poebot.json']!.replace(
      '{',
      '{ // a note: pull keeps it, no reason to ask',
    );
    assert.equal((await planPull(f.env))[0]!.edited, false, 'a comment added is not an edit pull could lose');

    f.files['Tutor.poebot.json'] = f.files['Tutor.poebot.json']!.replace('"model_name": "m1"', '"model_name": "m2"');
    const planned = await planPull(f.env);
    assert.equal(planned[0]!.edited, true);
    const [kept] = await writePull(f.env, planned);
    assert.equal(kept!.change, 'refused');
    assert.match(kept!.reason!, /edited since it was last pulled or pushed/);
    assert.match(f.files['Tutor.poebot.json']!, /"m2"/);
    const [written] = await writePull(f.env, planned, { overwriteEdited: true });
    assert.equal(written!.change, 'changed');
    assert.match(f.files['Tutor.poebot.json']!, /"m1"/);
  });

  it('a push records the text it pushed, so a pull right after sees no edit', async () => {
    const text =
      '{ "handle": "Solo", "description": "d", "api_bot_settings": { "model_name": "m1", "base_url": "https://llm.example.org/v1" } }\n';
    const fake = {
      getBot: async () => bot('Solo', 'd'),
      listBots: async () => [bot('Solo', 'd')],
    } as unknown as Parameters<typeof testEnv>[0]['client'];
    const t = testEnv({ client: fake } as Parameters<typeof testEnv>[0], { '/bots/Solo.poebot.json': text });
    await pushFiles(t.env, t.refs('/bots/Solo.poebot.json'), { verb: 'auto' });
    assert.equal(t.baselines.map.get('/bots/Solo.poebot.json')?.contentHash, await contentHash(text));
  });

  it('a file changed between the plan and the write is left alone', async () => {
    const f = folder({ 'Tutor.poebot.json': '{ "handle": "Tutor", "description": "old" }\n' }, [bot('Tutor')]);
    const planned = await planPull(f.env);
    f.files['Tutor.poebot.json'] = '{ "handle": "Tutor", "description": "typed meanwhile" }\n';
    const [p] = await writePull(f.env, planned);
    assert.equal(p!.change, 'refused');
    assert.match(f.files['Tutor.poebot.json']!, /typed meanwhile/);
  });
});
