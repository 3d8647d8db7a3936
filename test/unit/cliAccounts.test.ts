// The command line and accounts, run as a process against the fake Poe and fake endpoints: POE_ACCOUNT against the
// account the lock file records (a mismatch refused unless --account-change), and rotate-key across three bot files.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeEndpoint } from '../fake-endpoint/server';
import { FakePoe } from '../fake-poe/server';
import { DEMO_KEY } from '../fake-poe/seeds';
import { runCli, type Run } from './cliRun';

const OLD = 'sk-cli-rotate-old-0123456789';
const NEW = 'sk-cli-rotate-new-9876543210';

describe('poe-bots and accounts', function () {
  this.timeout(30_000);
  let fake: FakePoe;
  let dir: string;
  const outputs: string[] = [];
  const endpoints: FakeEndpoint[] = [];
  const cli = (args: string[], extra: Record<string, string | undefined> = {}): Promise<Run> =>
    runCli(dir, args, { POE_API_KEY: DEMO_KEY, POE_API_BASE_URL: fake.url, ...extra }, outputs);
  const lock = () =>
    JSON.parse(fs.readFileSync(path.join(dir, 'bots/poe-bots.lock.json'), 'utf8')) as { account?: string };
  const writes = () => fake.log.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);

  beforeEach(async () => {
    fake = await FakePoe.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poe-cli-accounts-'));
  });
  afterEach(async () => {
    await fake.stop();
    for (const e of endpoints.splice(0)) await e.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  after(() => {
    for (const o of outputs)
      for (const k of [DEMO_KEY, OLD, NEW]) assert.ok(!o.includes(k), `an output holds ${k.slice(0, 12)}…`);
  });

  describe('POE_ACCOUNT', () => {
    it('is recorded in the lock file; another name is refused before anything is sent, unless --account-change', async () => {
      assert.equal((await cli(['pull', 'bots'], { POE_ACCOUNT: 'production' })).code, 0);
      assert.equal(lock().account, 'production');
      const file = path.join(dir, 'bots/GlmHelper.poebot.json');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"A helpful assistant on GLM 4.6"', '"Edited"'));
      fake.log.length = 0;

      const wrong = await cli(['push', 'bots', '--yes'], { POE_ACCOUNT: 'development' });
      assert.equal(wrong.code, 1);
      assert.match(
        wrong.stderr,
        /POE_ACCOUNT is "development", but bots\/poe-bots\.lock\.json says this folder was last pulled from or pushed to "production"\. Nothing was sent\..*--account-change/,
      );
      assert.deepEqual(fake.log, [], 'not even a read');
      assert.equal((await cli(['plan', 'bots'], { POE_ACCOUNT: 'development' })).code, 1, 'plan is refused too');
      assert.match(
        (await cli(['plan', 'bots', '--account-change'], { POE_ACCOUNT: 'development' })).stdout,
        /^This folder was last pushed to production; you are on development\./,
      );

      const moved = await cli(['push', 'bots', '--yes', '--account-change'], { POE_ACCOUNT: 'development' });
      assert.equal(moved.code, 0, moved.stderr);
      assert.match(
        moved.stdout,
        /Push 1 bot\(s\) to "development" \(127\.0\.0\.1:\d+, POE_API_KEY\)\?|Update "GlmHelper" on "development" \(127\.0\.0\.1:\d+, POE_API_KEY\)\?/,
      );
      assert.match(moved.stdout, /This folder was last pushed to production; you are on development\./);
      assert.equal(lock().account, 'development');
      assert.deepEqual(writes(), ['PATCH /bots/GlmHelper']);

      // Without POE_ACCOUNT the run is as before accounts: no check, and the recorded name is kept.
      assert.equal((await cli(['plan', 'bots'])).code, 0);
      assert.equal(lock().account, 'development');
    });
  });

  describe('rotate-key', () => {
    /** Three bots on Poe on ${secret:SHARED} with the old key, the third on its own endpoint; and their files. */
    async function setUp(thirdKey: string): Promise<string[]> {
      const shared = await FakeEndpoint.start({ key: NEW });
      const own = await FakeEndpoint.start({ key: thirdKey });
      endpoints.push(shared, own);
      fs.mkdirSync(path.join(dir, 'bots'));
      for (const [i, handle] of ['RotA', 'RotB', 'RotC'].entries()) {
        const settings = {
          model_name: 'my-model',
          base_url: i === 2 ? own.url : shared.url,
          api_type: 'chat_completions_api' as const,
        };
        fake.putBehindTheBack(
          { handle, description: handle, is_private: true, api_bot_settings: settings },
          'demo',
          OLD,
        );
        fs.writeFileSync(
          path.join(dir, 'bots', `${handle}.poebot.json`),
          JSON.stringify({ handle, api_bot_settings: { ...settings, api_key: '${secret:SHARED}' } }, null, 2),
        );
      }
      fake.log.length = 0;
      return [new URL(shared.url).host, new URL(own.url).host].flatMap((h) => ['--allow-host', h]);
    }
    const keys = () => ['RotA', 'RotB', 'RotC'].map((h) => fake.peek(h)!.apiKey);

    it('the new key from POE_SECRET_<NAME>, tried at each endpoint, then one PATCH of api_key per bot; exit 0', async () => {
      const allow = await setUp(NEW);
      const r = await cli(['rotate-key', 'SHARED', 'bots', '--yes', ...allow], { POE_SECRET_SHARED: NEW });
      assert.equal(r.code, 0, r.stderr + r.stdout);
      assert.match(
        r.stdout,
        /Rotate the endpoint key \$\{secret:SHARED\} of 3 bot\(s\) on 127\.0\.0\.1:\d+ \(POE_API_KEY\)\?/,
      );
      assert.match(r.stdout, /RotC \(bots\/RotC\.poebot\.json\) → 127\.0\.0\.1:\d+/);
      assert.deepEqual(writes().sort(), ['PATCH /bots/RotA', 'PATCH /bots/RotB', 'PATCH /bots/RotC']);
      for (const w of fake.log.filter((x) => x.method === 'PATCH'))
        assert.deepEqual(w.body, { api_bot_settings: { api_key: NEW } });
      assert.deepEqual(keys(), [NEW, NEW, NEW]);
      assert.match(r.stdout, /Now make POE_SECRET_SHARED hold it/);
      assert.equal(
        endpoints.reduce((n, e) => n + e.log.length, 0),
        2,
        'one request per distinct endpoint',
      );
    });

    it('an endpoint refusing the new key: nothing is sent to Poe; a host the run does not allow: nothing is tried; no --yes without a terminal', async () => {
      const allow = await setUp(OLD);
      const refused = await cli(['rotate-key', 'SHARED', 'bots', '--yes', ...allow], { POE_SECRET_SHARED: NEW });
      assert.equal(refused.code, 1);
      assert.match(refused.stdout, /The new key did not work at 127\.0\.0\.1:\d+: nothing was sent to Poe/);
      assert.deepEqual(writes(), []);
      assert.deepEqual(keys(), [OLD, OLD, OLD]);

      const tried = endpoints.reduce((n, e) => n + e.log.length, 0);
      const gated = await cli(['rotate-key', 'SHARED', 'bots', '--yes'], { POE_SECRET_SHARED: NEW });
      assert.equal(gated.code, 1);
      assert.match(gated.stderr + gated.stdout, /--allow-host 127\.0\.0\.1:\d+/);
      assert.equal(
        endpoints.reduce((n, e) => n + e.log.length, 0),
        tried,
        'the key went nowhere',
      );

      const unasked = await cli(['rotate-key', 'SHARED', 'bots', ...allow], { POE_SECRET_SHARED: NEW });
      assert.equal(unasked.code, 1);
      assert.match(unasked.stderr, /pass --yes/);
      const unset = await cli(['rotate-key', 'SHARED', 'bots', '--yes', ...allow]);
      assert.match(unset.stderr, /POE_SECRET_SHARED/);
      assert.deepEqual(writes(), []);
      assert.match((await cli(['rotate-key', '--help'])).stdout, /Usage: poe-bots rotate-key NAME \[dir\]/);
    });
  });
});
