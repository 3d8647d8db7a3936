// poe-bots and the creator's files, run as a process against the fake Poe: what pull refuses (a file mid-merge, a
// handle that would leave the folder, a handle two files claim), what it keeps (a BOM, CRLF, another bot's file),
// --dry-run writing nothing, and validate and push refusing duplicate handles with no write reaching Poe.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakePoe } from '../fake-poe/server';
import { DEMO_KEY } from '../fake-poe/seeds';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Every file under a folder, with its bytes: to prove a run wrote nothing. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(root, p)] = fs.readFileSync(p).toString('base64');
    }
  };
  walk(root);
  return out;
}

describe("poe-bots and the creator's files", function () {
  this.timeout(30_000);
  let fake: FakePoe;
  let dir: string;

  function cli(args: string[]): Promise<Run> {
    return new Promise((resolve) => {
      const child = execFile(
        process.execPath,
        [CLI, ...args],
        {
          cwd: dir,
          env: {
            PATH: process.env.PATH,
            POE_API_KEY: DEMO_KEY,
            POE_API_BASE_URL: fake.url,
            NO_COLOR: '1',
          } as NodeJS.ProcessEnv,
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
      child.stdin?.end();
    });
  }
  const write = (name: string, text: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };
  const read = (name: string) => fs.readFileSync(path.join(dir, name));

  beforeEach(async () => {
    fake = await FakePoe.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poe-cli-files-'));
  });
  afterEach(async () => {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('pull refuses a file with conflict markers (exit 1, naming the file and line) and leaves it byte for byte', async () => {
    const conflict =
      '{\n  // ours and theirs\n  "handle": "GlmHelper",\n<<<<<<< HEAD\n  "description": "ours"\n=======\n  "description": "theirs"\n>>>>>>> main\n}\n';
    write('GlmHelper.poebot.json', conflict);
    const r = await cli(['pull', '.', '--only', 'GlmHelper']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /GlmHelper\.poebot\.json has merge-conflict markers \(line 4\)/);
    assert.deepEqual(read('GlmHelper.poebot.json'), Buffer.from(conflict));
    assert.deepEqual(fs.readdirSync(dir), ['GlmHelper.poebot.json'], 'no second copy either');
  });

  it('validate accepts a file saved with a BOM and CRLF; pull edits it in place keeping both', async () => {
    const text =
      '\uFEFF{\r\n  // from Windows\r\n  "handle": "DraftBot",\r\n  "description": "stale",\r\n  "api_bot_settings": { "api_key": "${secret:draft-key}", "model_name": "my-model" }\r\n}\r\n';
    write('DraftBot.poebot.json', text);
    const v = await cli(['validate']);
    assert.equal(v.code, 0, v.stdout);
    const r = await cli(['pull', '.', '--only', 'DraftBot']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const after = read('DraftBot.poebot.json');
    assert.deepEqual([...after.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM stays');
    const s = after.toString('utf8');
    assert.ok(s.includes('"description": ""') && s.includes('// from Windows') && s.includes('${secret:draft-key}'));
    assert.equal(s.replace(/\r\n/g, '').includes('\n'), false, 'every line still ends in CRLF');
    assert.deepEqual(
      fs.readdirSync(dir).sort(),
      ['DraftBot.poebot.json', 'poe-bots.lock.json'],
      'no temporary file left',
    );
  });

  it('a handle from Poe that is not a plain file name is refused, naming it, and nothing is written outside the folder', async () => {
    fake.putBehindTheBack({
      handle: '../../x',
      description: 'escape',
      is_private: true,
      api_bot_settings: { model_name: 'm', base_url: 'https://llm.example.org/v1' },
    });
    const r = await cli(['pull', 'a/b']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /Poe sent the handle "\.\.\/\.\.\/x", which is not a plain file name/);
    assert.deepEqual(Object.keys(snapshot(dir)).sort(), [
      'a/b/DraftBot.poebot.json',
      'a/b/GlmHelper.poebot.json',
      'a/b/ThinkingTutor.poebot.json',
      'a/b/poe-bots.lock.json',
    ]);
  });

  it("a file at the bot's usual name that holds another bot is kept; the bot goes to <handle>.pulled.poebot.json, said so", async () => {
    const draft = '{ "handle": "ThinkingTutorNext", "description": "the next version" }\n';
    write('ThinkingTutor.poebot.json', draft);
    const r = await cli(['pull', '.', '--only', 'ThinkingTutor']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /ThinkingTutor\.pulled\.poebot\.json\s+written \(ThinkingTutor\.poebot\.json holds "ThinkingTutorNext"\)/,
    );
    assert.deepEqual(read('ThinkingTutor.poebot.json'), Buffer.from(draft));
    assert.equal(JSON.parse(read('ThinkingTutor.pulled.poebot.json').toString()).handle, 'ThinkingTutor');
  });

  it('duplicate handles (ignoring case): validate names every file on its handle line; push refuses them and nothing reaches Poe; pull adds no third copy', async () => {
    write('one.poebot.json', '{\n  "handle": "GlmHelper",\n  "description": "one"\n}\n');
    write('sub/two.poebot.json', '{\n  "description": "two",\n  "handle": "glmhelper"\n}\n');
    const v = await cli(['validate']);
    assert.equal(v.code, 3);
    assert.match(
      v.stdout,
      /^one\.poebot\.json:2:13 error The handle "GlmHelper" is also claimed by sub\/two\.poebot\.json/m,
    );
    assert.match(
      v.stdout,
      /^sub\/two\.poebot\.json:3:13 error The handle "glmhelper" is also claimed by one\.poebot\.json/m,
    );
    fake.log.length = 0;
    const p = await cli(['push', '.', '--yes']);
    assert.equal(p.code, 1, p.stdout + p.stderr);
    assert.match(p.stdout, /also claimed by sub\/two\.poebot\.json/);
    assert.match(p.stdout, /also claimed by one\.poebot\.json/);
    assert.deepEqual(fake.writes(), [], 'no write reached Poe');
    const only = await cli(['push', '.', '--yes', '--only', 'GlmHelper']);
    assert.equal(only.code, 1, 'with --only too: the other file is found and both are refused');
    assert.match(only.stdout, /also claimed by sub\/two\.poebot\.json/);
    assert.deepEqual(fake.writes(), [], 'no write reached Poe');
    const before = snapshot(dir);
    const pulled = await cli(['pull', '.', '--only', 'GlmHelper']);
    assert.equal(pulled.code, 1);
    assert.match(pulled.stdout, /2 files claim the handle "GlmHelper": one\.poebot\.json, sub\/two\.poebot\.json/);
    assert.deepEqual(snapshot(dir), before);
  });

  it('pull --dry-run says what would change, file by file, and writes nothing (exit 0)', async () => {
    write('GlmHelper.poebot.json', '{ "handle": "GlmHelper", "description": "old words" }\n');
    write('ThinkingTutor.poebot.json', '{ "handle": "ThinkingTutor",\n<<<<<<< HEAD\n}\n');
    const before = snapshot(dir);
    const r = await cli(['pull', '.', '--dry-run']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /GlmHelper\s+GlmHelper\.poebot\.json\s+would edit in place: description, is_private, api_bot_settings/,
    );
    assert.match(r.stdout, /DraftBot\s+DraftBot\.poebot\.json\s+new/);
    assert.match(r.stdout, /ThinkingTutor\.poebot\.json has merge-conflict markers \(line 2\)/);
    assert.match(r.stdout, /Dry run, nothing written\./);
    assert.deepEqual(snapshot(dir), before);
    const json = JSON.parse((await cli(['pull', '.', '--dry-run', '--json'])).stdout);
    assert.equal(json.dryRun, true);
    assert.deepEqual(
      json.files.map((f: { outcome: string }) => f.outcome),
      ['updated', 'refused', 'created'],
    );
    assert.deepEqual(snapshot(dir), before);
  });
});
