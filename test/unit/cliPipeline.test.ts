// The command line as a CI step trusts it: selecting nothing is an error, a rejected key or an unreachable Poe is one
// line (not one per bot), progress shows without a terminal, Ctrl-C says what happened, a read-back that disagrees
// fails, a refused file lists its problems, and a closed pipe ends quietly.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakePoe } from '../fake-poe/server';
import { DEMO_KEY } from '../fake-poe/seeds';
import { CLI, runCli, startCli, type Run } from './cliRun';
import { until } from './helpers';

describe('poe-bots in a pipeline', function () {
  this.timeout(30_000);
  let fake: FakePoe;
  let dir: string;
  const outputs: string[] = [];
  const env = () => ({ POE_API_KEY: DEMO_KEY, POE_API_BASE_URL: fake.url });
  const cli = (args: string[], extra: Record<string, string | undefined> = {}): Promise<Run> =>
    runCli(dir, args, { ...env(), ...extra }, outputs);
  const edit = (handle: string, description: string) => {
    const file = path.join(dir, `${handle}.poebot.json`);
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace(/"description": "[^"]*"/, `"description": ${JSON.stringify(description)}`),
    );
  };

  beforeEach(async () => {
    fake = await FakePoe.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poe-cli-ci-'));
  });
  afterEach(async () => {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  after(() => {
    assert.ok(!outputs.join('\n').includes(DEMO_KEY), 'an output held the Poe key');
  });

  it('selecting nothing is an error: an empty folder, an --only handle no file has, a path a command does not take', async () => {
    fs.mkdirSync(path.join(dir, 'empty'));
    for (const args of [
      ['plan', 'empty'],
      ['push', 'empty', '--yes'],
      ['validate', 'empty'],
      ['check-endpoint', 'empty'],
    ]) {
      const r = await cli(args);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stderr, /No \*\.poebot\.json files under empty/, args.join(' '));
    }
    await cli(['pull', '.']);
    const typo = await cli(['plan', '.', '--only', 'GlmHelpr']);
    assert.equal(typo.code, 1);
    assert.match(typo.stderr, /No bot file here has the handle "GlmHelpr"/);
    for (const args of [
      ['list', 'bots'],
      ['pull', 'a', 'b'],
      ['list', '--yes'],
      ['validate', '--allow-host', 'x.example'],
    ]) {
      const r = await cli(args);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stderr, /does not take/, args.join(' '));
    }
    const two = await cli(['plan', 'GlmHelper.poebot.json', 'DraftBot.poebot.json']);
    assert.equal(two.code, 0, 'several paths are taken');
    assert.match(two.stdout, /0 to push, 2 up to date/);
  });

  it('a rejected key stops the run at once with one line, not one per bot', async () => {
    await cli(['pull', '.']);
    for (let i = 0; i < 12; i++)
      fs.writeFileSync(
        path.join(dir, `Extra${i}.poebot.json`),
        JSON.stringify({ handle: `Extra${i}`, description: 'x' }),
      );
    fake.log.length = 0;
    const r = await cli(['plan', '.'], { POE_API_KEY: 'poe-wrong-key-0000000' });
    assert.equal(r.code, 1);
    assert.equal(r.stderr.match(/rejected the API key/g)?.length, 1, r.stderr);
    assert.equal(r.stdout, '', 'no table of fifteen identical failures');
    assert.ok(fake.log.length <= 4, `${fake.log.length} requests: no more after the first refusal settles`);
  });

  it('without a terminal, progress reaches stderr: a line per write', async () => {
    await cli(['pull', '.']);
    edit('GlmHelper', 'one');
    edit('DraftBot', 'two');
    const r = await cli(['push', '.', '--yes']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stderr, /writing 1\/2/);
    assert.match(r.stderr, /writing 2\/2/);
  });

  it('Ctrl-C stops before the next write, says so, and exits 130', async () => {
    await cli(['pull', '.']);
    edit('GlmHelper', 'one');
    fake.inject({ method: 'GET', path: '/bots/GlmHelper', fault: { hang: true } });
    fake.log.length = 0;
    const run = startCli(dir, ['push', '.', '--yes'], env(), outputs);
    await until('the push is reading GlmHelper', () => fake.log.some((e) => e.path === '/bots/GlmHelper'), 10_000);
    run.child.kill('SIGINT');
    const r = await run.done;
    assert.equal(r.code, 130, r.stdout + r.stderr);
    assert.match(r.stderr, /Stopping: no further write starts/);
    assert.match(r.stderr, /Interrupted: 0 written before Ctrl-C/);
    assert.deepEqual(fake.writes(), []);
  });

  it('a read-back that disagrees with the write fails, naming the field', async () => {
    await cli(['pull', '.']);
    edit('GlmHelper', 'Poe will not keep this');
    // Poe answers the write with success but keeps the bot as it was.
    fake.inject({ method: 'PATCH', path: '/bots/GlmHelper', fault: { status: 200, body: '{}' } });
    const r = await cli(['push', '.', '--yes']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /GlmHelper\s+pushed, but Poe does not show: description/);
    assert.match(r.stdout, /1 read back differently/);
  });

  it('a refused file lists its problems as file:line:col; plan needs an endpoint secret only when the key would be sent', async () => {
    fs.writeFileSync(
      path.join(dir, 'Broken.poebot.json'),
      '{\n  "handle": "Broken",\n  "api_bot_settings": { "pricing": { "prompt": 5, "completion": 6 } }\n}\n',
    );
    const r = await cli(['plan', '.']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Broken\.poebot\.json:3:\d+ error "prompt" must be text/);
    assert.match(r.stdout, /Broken\.poebot\.json:3:\d+ error "completion" must be text/);
    fs.rmSync(path.join(dir, 'Broken.poebot.json'));

    await cli(['pull', '.']);
    const file = path.join(dir, 'GlmHelper.poebot.json');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace('"api_bot_settings": {', '"api_bot_settings": {\n    "api_key": "${secret:glm-key}",'),
    );
    const upToDate = await cli(['plan', '.']);
    assert.equal(upToDate.code, 0, `no POE_SECRET_… set, and none needed: ${upToDate.stdout}`);
    const sending = await cli(['plan', '.', '--send-key']);
    assert.equal(sending.code, 1);
    assert.match(sending.stdout, /GlmHelper\s+refused: No endpoint secret named "glm-key".*POE_SECRET_GLM_KEY/);
  });

  it('`list | head -1` ends quietly', async () => {
    await fake.stop();
    fake = await FakePoe.start({ seed: 'many:3000' });
    const r = await new Promise<{ code: number; stderr: string; stdout: string }>((resolve) => {
      execFile(
        '/bin/sh',
        ['-c', `"${process.execPath}" "${CLI}" list | head -1; exit "\${PIPESTATUS:-0}"`],
        { cwd: dir, env: { PATH: process.env.PATH, NO_COLOR: '1', ...env() } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
    assert.equal(r.stdout.trim().split('\n').length, 1);
    assert.doesNotMatch(r.stderr, /EPIPE|Error|at /, r.stderr);
  });
});
