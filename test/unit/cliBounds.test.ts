// The command line against a Poe that misbehaves without limit, as a process: a server that asks on every answer to
// wait an hour, and a 300 MB answer. It must end promptly with a clear line, and stay small.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakePoe } from '../fake-poe/server';
import { DEMO_KEY } from '../fake-poe/seeds';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

describe('poe-bots against a misbehaving Poe', function () {
  this.timeout(60_000);
  let fake: FakePoe;
  let dir: string;
  beforeEach(async () => {
    fake = await FakePoe.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poe-cli-bounds-'));
  });
  afterEach(async () => {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the CLI; its peak memory (resident set, bytes) is printed by a preload at exit. */
  function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number; maxRss: number }> {
    const preload = path.join(dir, 'rss.cjs');
    fs.writeFileSync(
      preload,
      "process.on('exit', () => require('fs').writeSync(2, `\\nmaxRSS ${process.resourceUsage().maxRSS * 1024}\\n`));\n",
    );
    const started = Date.now();
    return new Promise((resolve) => {
      const child = execFile(
        process.execPath,
        ['--require', preload, CLI, ...args],
        {
          cwd: dir,
          env: {
            PATH: process.env.PATH,
            POE_API_KEY: DEMO_KEY,
            POE_API_BASE_URL: fake.url,
            NO_COLOR: '1',
            BOT_KEY: 'sk-bot-key-123',
          } as NodeJS.ProcessEnv,
        },
        (error, stdout, stderr) => {
          const maxRss = Number(/maxRSS (\d+)/.exec(stderr)?.[1] ?? NaN);
          resolve({
            code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
            stdout,
            stderr,
            ms: Date.now() - started,
            maxRss,
          });
        },
      );
      child.stdin?.end();
    });
  }

  it('plan of 8 files, every answer saying "none left for an hour": ends at once, the files after the first answer with the clear line', async () => {
    for (let i = 0; i < 8; i++) {
      fs.writeFileSync(
        path.join(dir, `Bot${i}.poebot.json`),
        JSON.stringify(
          {
            handle: `Bot${i}`,
            description: `bot ${i}`,
            api_bot_settings: { base_url: 'https://e.example/v1', model_name: 'm', api_key: '${env:BOT_KEY}' },
          },
          null,
          2,
        ),
      );
    }
    fake.inject({
      times: 1000,
      fault: {
        headers: {
          'x-ratelimit-limit-requests': '500',
          'x-ratelimit-remaining-requests': '0',
          'x-ratelimit-reset-requests': '3600',
        },
      },
    });
    const r = await cli(['plan', '.']);
    assert.ok(r.ms < 30_000, `took ${r.ms} ms`);
    assert.notEqual(r.code, 0);
    assert.match(r.stdout + r.stderr, /Poe asked this key to wait 1 h before its next request/);
    // The first reads (four at a time) were on their way before the first answer; none was sent after it.
    assert.ok(fake.log.length <= 4, `${fake.log.length} requests sent`);
    // Each file whose own read was not sent says so (the account's list, read first, is not one of them).
    const perBot = fake.log.filter((e) => e.path.startsWith('/bots/')).length;
    assert.equal((r.stdout.match(/so the request was not sent/g) ?? []).length, 8 - perBot);
  });

  it('list against a 300 MB GET /bots: refused with the sentence, the process stays under 400 MB', async () => {
    fake.inject({ method: 'GET', path: '/bots', fault: { hugeBody: 300 * 1024 * 1024 } });
    const r = await cli(['list']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /Poe's answer was larger than 8 MB/);
    assert.ok(r.maxRss < 400 * 1024 * 1024, `peak RSS ${Math.round(r.maxRss / 1048576)} MB`);
  });
});
