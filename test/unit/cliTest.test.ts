// poe-bots test as CI runs it, a process with no terminal: exit 4 with one failure recorded in JUnit XML, 0 once the
// assertion is fixed, 1 when an error stops the run (a host the run does not allow, a broken test file, a run through
// Poe without a budget); --json and --format markdown; and no key in any output.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeEndpoint } from '../fake-endpoint/server';
import { FakePoe } from '../fake-poe/server';
import { DEMO_KEY } from '../fake-poe/seeds';
import { runCli, type Run } from './cliRun';

describe('poe-bots test', function () {
  this.timeout(30_000);
  let endpoint: FakeEndpoint;
  let poe: FakePoe;
  let dir: string;
  const outputs: string[] = [];
  const cli = (args: string[], env: Record<string, string | undefined> = {}): Promise<Run> =>
    runCli(
      dir,
      args,
      { POE_API_KEY: DEMO_KEY, POE_API_BASE_URL: poe.url, POE_SECRET_MYBOT: endpoint.key, ...env },
      outputs,
    );
  const allow = () => ['--allow-host', `127.0.0.1:${endpoint.port}`];
  const write = (name: string, value: unknown) =>
    fs.writeFileSync(path.join(dir, 'bots', name), JSON.stringify(value, null, 2));
  const tests = (containsValue: string) =>
    write('MyBot.poebot-test.json', {
      $schema: 'poebot-schema:/poebot-test.schema.json',
      bot: 'MyBot.poebot.json',
      cases: [
        {
          name: 'greets',
          messages: [{ role: 'user', content: 'Bonjour' }],
          assert: [{ type: 'icontains', value: 'bonjour' }, { type: 'usage' }],
        },
        {
          name: 'says goodbye',
          messages: [{ role: 'user', content: 'Hi' }],
          assert: [{ type: 'contains', value: containsValue }],
        },
      ],
    });

  before(async () => {
    endpoint = await FakeEndpoint.start();
    poe = await FakePoe.start({ seed: 'demo' });
  });
  after(async () => {
    await endpoint.stop();
    await poe.stop();
    const all = outputs.join('\n');
    for (const key of [DEMO_KEY, endpoint.key]) assert.ok(!all.includes(key), `an output held ${key.slice(0, 8)}…`);
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poe-cli-test-'));
    fs.mkdirSync(path.join(dir, 'bots'));
    write('MyBot.poebot.json', {
      handle: 'MyBot',
      api_bot_settings: { base_url: endpoint.url, model_name: 'my-model', api_key: '${secret:MyBot}' },
    });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 4 with the one failure in valid JUnit XML, and 0 once the assertion is fixed', async () => {
    tests('Goodbye');
    const failed = await cli(['test', 'bots/', '--junit', 'out.xml', ...allow()]);
    assert.equal(failed.code, 4, failed.stderr);
    assert.match(failed.stdout, /✓ greets/);
    assert.match(failed.stdout, /✗ says goodbye/);
    assert.match(
      failed.stdout,
      /contains: expected a reply containing "Goodbye", got "Hello from my-model\. You said: Hi"/,
    );
    assert.match(failed.stdout, /1 passed, 1 failed/);
    const xml = fs.readFileSync(path.join(dir, 'out.xml'), 'utf8');
    assert.match(xml, /<testsuites name="poe-bots test" tests="2" failures="1" errors="0" skipped="0"/);
    assert.match(xml, /<testsuite name="bots\/MyBot.poebot-test.json" tests="2" failures="1"/);
    assert.equal((xml.match(/<failure /g) ?? []).length, 1);
    assert.match(
      xml,
      /<testcase name="says goodbye" classname="bots\/MyBot.poebot-test.json" time="[\d.]+">\n\s+<failure message="contains: expected/,
    );

    tests('You said: Hi');
    const fixed = await cli(['test', 'bots/', '--junit', 'out.xml', ...allow()]);
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(fs.readFileSync(path.join(dir, 'out.xml'), 'utf8'), /tests="2" failures="0" errors="0"/);
  });

  it('exits 1, naming the flag, when the run does not allow the host: nothing is sent', async () => {
    tests('x');
    endpoint.log.length = 0;
    const r = await cli(['test', 'bots/', '--json']);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.stdout);
    assert.match(json.files[0].error, /pass --allow-host 127\.0\.0\.1:\d+/);
    assert.deepEqual(
      json.files[0].cases.map((c: { status: string }) => c.status),
      ['skipped', 'skipped'],
    );
    assert.deepEqual(endpoint.log, []);
  });

  it('--json: every case with its outcomes, the request with the key only as its reference', async () => {
    tests('Goodbye');
    const r = await cli(['test', 'bots/MyBot.poebot-test.json', '--json', ...allow()]);
    assert.equal(r.code, 4);
    const json = JSON.parse(r.stdout);
    assert.equal(json.passed, 1);
    assert.equal(json.failed, 1);
    assert.equal(json.exitCode, 4);
    assert.equal(json.files[0].cases[1].outcomes[0].expected, 'a reply containing "Goodbye"');
    assert.equal(json.files[0].cases[0].request.keyLabel, '${secret:MyBot}');
  });

  it('--format markdown: a summary a CI job can show', async () => {
    tests('Goodbye');
    const r = await cli(['test', 'bots/', '--format', 'markdown', ...allow()]);
    assert.equal(r.code, 4);
    assert.match(r.stdout, /^## Bot tests: 1 passed, 1 failed/);
    assert.match(r.stdout, /\| ❌ \| says goodbye \|/);
  });

  it('exits 1 for a test file that cannot run, a bot file that is not there, and no test files at all', async () => {
    write('Broken.poebot-test.json', { bot: 'Missing.poebot.json', cases: [] });
    const r = await cli(['test', 'bots/', ...allow()]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /The bot file "Missing.poebot.json" the tests name is not there/);
    fs.rmSync(path.join(dir, 'bots', 'Broken.poebot-test.json'));
    const none = await cli(['test', 'bots/']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /No \*\.poebot-test\.json files under bots\//);
  });

  it('through Poe: refused without --max-points where no one can be asked; within the budget with it', async () => {
    write('Glm.poebot-test.json', {
      handle: 'GlmHelper',
      cases: [
        {
          name: 'answers',
          messages: [{ role: 'user', content: 'Hi' }],
          assert: [{ type: 'max-points', value: 10_000 }],
        },
      ],
    });
    const refused = await cli(['test', 'bots/Glm.poebot-test.json']);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /1 case goes through Poe with your Poe key, and each costs points: pass --max-points N/,
    );
    const before = poe.chat.balance('demo');
    const ran = await cli(['test', 'bots/Glm.poebot-test.json', '--max-points', '10000']);
    assert.equal(ran.code, 0, ran.stdout + ran.stderr);
    assert.match(ran.stdout, new RegExp(`\\(${before - poe.chat.balance('demo')} points spent through Poe\\)`));
  });

  it("the sandbox's demo: one case passes, one fails on purpose with expected vs got, the matrix lists each value", async () => {
    const demo = path.resolve(__dirname, '../../../sandbox/workspace');
    fs.writeFileSync(
      path.join(dir, 'bots', 'NewIdea.poebot.json'),
      fs
        .readFileSync(path.join(demo, 'NewIdea.poebot.json'), 'utf8')
        .replace('https://localhost:8788/v1', endpoint.url),
    );
    fs.copyFileSync(path.join(demo, 'NewIdea.poebot-test.json'), path.join(dir, 'bots', 'NewIdea.poebot-test.json'));
    const r = await cli(
      ['test', 'bots/NewIdea.poebot-test.json', '--json', '--allow-env', 'SANDBOX_ENDPOINT_KEY', ...allow()],
      { SANDBOX_ENDPOINT_KEY: endpoint.key },
    );
    assert.equal(r.code, 4, r.stderr);
    const cases = JSON.parse(r.stdout).files[0].cases as {
      name: string;
      status: string;
      outcomes: { expected: string }[];
    }[];
    assert.deepEqual(
      cases.map((c) => `${c.name}: ${c.status}`),
      [
        'answers in its own words: passed',
        'says goodbye: failed',
        'every temperature [temperature=0]: passed',
        'every temperature [temperature=2]: passed',
      ],
    );
    assert.equal(cases[1]!.outcomes[0]!.expected, 'a reply containing "Au revoir"');
  });

  it('takes its options only: --yes is not a test option, --format only markdown', async () => {
    tests('x');
    assert.equal((await cli(['test', '--yes'])).code, 1);
    const r = await cli(['test', '--format', 'html']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--format takes "markdown"/);
  });
});
