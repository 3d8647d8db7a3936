// plan --format markdown as a pull-request comment: compared with golden files for 1 and for 300 changed bots (the
// second falls back to the summary to stay under 60,000 characters). UPDATE_GOLDEN=1 rewrites them after a change
// that is meant; review the diff.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakePoe } from '../fake-poe/server';
import { DEMO_KEY } from '../fake-poe/seeds';
import { runCli, type Run } from './cliRun';

const GOLDEN = path.resolve(__dirname, '../../../test/fixtures/plan-markdown');

function matchesGolden(name: string, text: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(file, text);
  }
  assert.equal(text, fs.readFileSync(file, 'utf8'), `${name} differs from the golden file (UPDATE_GOLDEN=1 to accept)`);
}

describe('poe-bots plan --format markdown', function () {
  this.timeout(60_000);
  let fake: FakePoe | undefined;
  let dir: string;
  const outputs: string[] = [];
  const cli = (args: string[]): Promise<Run> =>
    runCli(
      dir,
      args,
      { POE_API_KEY: DEMO_KEY, POE_API_BASE_URL: fake!.url, POE_SECRET_GLM: 'sk-glm-markdown-1' },
      outputs,
    );
  // The fake's port changes from run to run; the rest of the comment must not.
  const stable = (s: string) => s.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
  const edit = (file: string, change: (text: string) => string) =>
    fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poe-cli-md-'));
  });
  afterEach(async () => {
    await fake?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  after(() => {
    assert.ok(!outputs.join('\n').includes(DEMO_KEY));
  });

  it('1 bot: the marker first, a summary table, a section with every value (prices in $ per 1M tokens), the key lines, a change on Poe', async () => {
    fake = await FakePoe.start();
    await cli(['pull', 'bots']);
    edit(path.join(dir, 'bots/GlmHelper.poebot.json'), (t) =>
      t
        .replace('"0.0000022"', '"0.0000025"')
        .replace('"A helpful assistant on GLM 4.6"', '"A | pipe, <b>html</b> and ``` fences"')
        .replace('"api_type"', '"api_key": "${secret:GLM}",\n    "api_type"'),
    );
    const tutor = fake.peek('ThinkingTutor')!.bot;
    fake.putBehindTheBack({ ...tutor, description: 'Edited on poe.com' });
    const r = await cli(['plan', 'bots', '--format', 'markdown', '--send-key', '--allow-host', 'api.example.com']);
    assert.equal(r.code, 2, r.stderr);
    assert.ok(!r.stdout.includes('sk-glm-markdown-1'), 'never a key');
    matchesGolden('1-bot.md', stable(r.stdout));
    assert.ok(r.stdout.startsWith('<!-- poe-bots plan -->\n'));
  });

  it('300 bots: the summary alone, under 60,000 characters', async () => {
    fake = await FakePoe.start({ seed: 'many:300' });
    await cli(['pull', 'bots']);
    for (const f of fs.readdirSync(path.join(dir, 'bots')).filter((n) => n.endsWith('.poebot.json'))) {
      edit(path.join(dir, 'bots', f), (t) =>
        t
          .replace(
            /"description": "Bot number (\d+)"/,
            '"description": "Bot number $1, now with a much longer description that a reviewer reads in full"',
          )
          .replace('"0.000002"', '"0.0000021"'),
      );
    }
    const r = await cli(['plan', 'bots', '--format', 'markdown']);
    assert.equal(r.code, 2);
    assert.ok(r.stdout.length < 60_000, `${r.stdout.length} characters`);
    assert.match(r.stdout, /Details left out to stay under GitHub's comment limit/);
    matchesGolden('300-bots.md', stable(r.stdout));
  });
});
