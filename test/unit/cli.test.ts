// The poe-bots command line, run as a process against the fake Poe (and the fake endpoint): each command, each exit
// code, the --json shapes, the refusal without a terminal, and no key in any output.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakePoe } from '../fake-poe/server';
import { runCli, type Run } from './cliRun';
import { DEMO_KEY } from '../fake-poe/seeds';
import { FakeEndpoint } from '../fake-endpoint/server';

const ENDPOINT_KEY_SEEN = ['sk-demo-endpoint-1', 'sk-demo-endpoint-2'];

describe('poe-bots (the command line)', function () {
  this.timeout(30_000);
  let fake: FakePoe;
  let dir: string;
  const outputs: string[] = [];

  const cli = (args: string[], env: Record<string, string | undefined> = {}): Promise<Run> =>
    runCli(dir, args, { POE_API_KEY: DEMO_KEY, POE_API_BASE_URL: fake.url, ...env }, outputs);

  beforeEach(async () => {
    fake = await FakePoe.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poe-cli-'));
  });
  afterEach(async () => {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  after(() => {
    const all = outputs.join('\n');
    for (const key of [DEMO_KEY, ...ENDPOINT_KEY_SEEN, 'sk-cli-endpoint-key-777'])
      assert.ok(!all.includes(key), `an output held ${key.slice(0, 8)}…`);
  });

  it('--version, --help, and an unknown command', async () => {
    const v = await cli(['--version']);
    assert.deepEqual(
      [v.code, v.stdout.trim()],
      [0, JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')).version],
    );
    for (const c of ['validate', 'plan', 'push', 'pull', 'list', 'check-endpoint'])
      assert.match((await cli([c, '--help'])).stdout, new RegExp(`Usage: poe-bots ${c}`));
    const bad = await cli(['deploy']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /Unknown command "deploy"/);
  });

  it('pull, then plan says everything is up to date (exit 0); an edit makes plan exit 2 naming the field; push --yes writes exactly that', async () => {
    const pulled = await cli(['pull', 'bots']);
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'bots')).sort(), [
      'DraftBot.poebot.json',
      'GlmHelper.poebot.json',
      'ThinkingTutor.poebot.json',
      'poe-bots.lock.json',
    ]);
    fake.log.length = 0;
    const clean = await cli(['plan', 'bots']);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /0 to push, 3 up to date/);
    assert.deepEqual(
      fake.log.map((r) => `${r.method} ${r.path}`),
      ['GET /bots'],
      'the account read once: one GET /bots, no GET per bot',
    );

    const file = path.join(dir, 'bots/GlmHelper.poebot.json');
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace('"A helpful assistant on GLM 4.6"', '"Edited in a pull request"'),
    );
    const changed = await cli(['plan', 'bots']);
    assert.equal(changed.code, 2);
    assert.match(changed.stdout, /GlmHelper\s+update: description/);
    assert.match(changed.stdout, /Changes: description/);

    fake.log.length = 0;
    const pushed = await cli(['push', 'bots', '--yes']);
    assert.equal(pushed.code, 0, pushed.stdout + pushed.stderr);
    assert.deepEqual(
      fake.log.map((r) => `${r.method} ${r.path}`),
      ['GET /bots', 'GET /bots/GlmHelper', 'PATCH /bots/GlmHelper', 'GET /bots/GlmHelper'],
      'one list to plan, the bot read again right before its write, the write, one read to verify',
    );
    assert.deepEqual(
      fake.writes().map((r) => `${r.method} ${r.path} ${JSON.stringify(r.body)}`),
      ['PATCH /bots/GlmHelper {"description":"Edited in a pull request"}'],
    );
    assert.equal((await cli(['plan', 'bots'])).code, 0, 'up to date after the push');
  });

  it('push without --yes and without a terminal refuses, sending nothing', async () => {
    await cli(['pull', '.']);
    fs.writeFileSync(
      path.join(dir, 'DraftBot.poebot.json'),
      fs
        .readFileSync(path.join(dir, 'DraftBot.poebot.json'), 'utf8')
        .replace('"description": ""', '"description": "x"'),
    );
    fake.log.length = 0;
    const r = await cli(['push', '.']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /pass --yes/);
    assert.deepEqual(fake.log, []);
  });

  it('pull edits an existing file in place (comments and key reference kept); --only limits it', async () => {
    const file = path.join(dir, 'mine.poebot.json');
    fs.writeFileSync(
      file,
      '{\n  // ours\n  "handle": "DraftBot",\n  "description": "stale",\n  "api_bot_settings": { "api_key": "${secret:draft-key}", "model_name": "my-model" }\n}\n',
    );
    const r = await cli(['pull', '.', '--only', 'DraftBot', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      files: [
        {
          handle: 'DraftBot',
          file: 'mine.poebot.json',
          outcome: 'updated',
          fields: ['description', 'is_private', 'api_bot_settings.base_url'],
        },
      ],
    });
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(
      text.includes('// ours') &&
        text.includes('"api_key": "${secret:draft-key}"') &&
        text.includes('"description": ""'),
    );
    assert.deepEqual(fs.readdirSync(dir).sort(), ['mine.poebot.json', 'poe-bots.lock.json']);
  });

  it('validate: problems as file:line:col, exit 3; a clean folder exits 0; --json', async () => {
    fs.writeFileSync(
      path.join(dir, 'Broken.poebot.json'),
      '{\n  "handle": "Broken",\n  "api_bot_settings": { "pricing": { "prompt": 5 } }\n}\n',
    );
    const r = await cli(['validate']);
    assert.equal(r.code, 3);
    assert.match(r.stdout, /^Broken\.poebot\.json:3:48 error "prompt" must be text in double quotes\.$/m);
    const json = JSON.parse((await cli(['validate', '--json'])).stdout);
    assert.equal(json.errors, 1);
    assert.deepEqual(Object.keys(json.files[0].problems[0]).sort(), ['code', 'column', 'line', 'message', 'severity']);
    fs.rmSync(path.join(dir, 'Broken.poebot.json'));
    fs.writeFileSync(path.join(dir, 'Fine.poebot.json'), '{ "handle": "Fine" }\n');
    assert.equal((await cli(['validate', '.'])).code, 0);
  });

  it('list, and the errors a CI job meets: no key, an http address, a wrong key', async () => {
    const listed = JSON.parse((await cli(['list', '--json'])).stdout);
    assert.deepEqual(
      listed.bots.map((b: { handle: string }) => b.handle),
      ['GlmHelper', 'ThinkingTutor', 'DraftBot'],
    );
    const noKey = await cli(['list'], { POE_API_KEY: undefined });
    assert.equal(noKey.code, 1);
    assert.match(noKey.stderr, /Set POE_API_KEY/);
    const http = await cli(['list'], { POE_API_BASE_URL: 'http://api.poe.com' });
    assert.match(http.stderr, /POE_API_BASE_URL must use https/);
    const wrong = await cli(['list'], { POE_API_KEY: 'poe-wrong-key-123456' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /rejected the API key/);
  });

  it('check-endpoint: every row on a line; the key from POE_SECRET_<NAME>; exit 1 when a row fails', async () => {
    const endpoint = await FakeEndpoint.start({ key: 'sk-cli-endpoint-key-777' });
    try {
      fs.writeFileSync(
        path.join(dir, 'Ep.poebot.json'),
        JSON.stringify({
          handle: 'Ep',
          api_bot_settings: {
            base_url: endpoint.url,
            model_name: 'my-model',
            api_key: '${secret:ep-key}',
            pricing: { prompt: '0.000001', completion: '0.000002' },
          },
        }),
      );
      const missing = await cli(['check-endpoint', 'Ep.poebot.json']);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /POE_SECRET_EP_KEY/);
      const allow = ['--allow-host', `127.0.0.1:${endpoint.port}`];
      const ok = await cli(['check-endpoint', 'Ep.poebot.json', ...allow], { POE_SECRET_EP_KEY: endpoint.key });
      assert.equal(ok.code, 0, ok.stdout + ok.stderr);
      assert.match(ok.stdout, /✓ Key and model: The endpoint took the key from \$\{secret:ep-key\}/);
      endpoint.setMode('noUsage');
      const noUsage = await cli(['check-endpoint', 'Ep.poebot.json', '--json'], {
        POE_SECRET_EP_KEY: endpoint.key,
        POE_BOTS_ALLOW_HOSTS: `127.0.0.1:${endpoint.port}`,
      });
      assert.equal(noUsage.code, 1);
      assert.equal(JSON.parse(noUsage.stdout).rows.find((r: { id: string }) => r.id === 'usage').status, 'fail');
    } finally {
      await endpoint.stop();
    }
  });
});
