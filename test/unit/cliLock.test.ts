// The lock file as a team meets it, the command line run as a process against the fake: what it holds (never a key),
// drift (a change made on poe.com behind the tool's back) in plan, drift and push, a changed endpoint key and the
// host the lock file records, a lock file from a newer version, and --prune of a bot whose file is gone.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakePoe } from '../fake-poe/server';
import { DEMO_KEY } from '../fake-poe/seeds';
import { runCli, type Run } from './cliRun';

describe('poe-bots and its lock file', function () {
  this.timeout(30_000);
  let fake: FakePoe;
  let dir: string;
  const outputs: string[] = [];
  const env = () => ({ POE_API_KEY: DEMO_KEY, POE_API_BASE_URL: fake.url });
  const cli = (args: string[], extra: Record<string, string | undefined> = {}): Promise<Run> =>
    runCli(dir, args, { ...env(), ...extra }, outputs);
  const lockText = () => fs.readFileSync(path.join(dir, 'bots/poe-bots.lock.json'), 'utf8');
  const botFile = (handle: string) => path.join(dir, 'bots', `${handle}.poebot.json`);
  const edit = (handle: string, from: string, to: string) => {
    const text = fs.readFileSync(botFile(handle), 'utf8');
    assert.ok(text.includes(from), `${handle} holds ${from}`);
    fs.writeFileSync(botFile(handle), text.replace(from, to));
  };
  const onPoe = (handle: string, change: (b: Record<string, unknown>) => void) => {
    const bot = fake.peek(handle)!.bot as unknown as Record<string, unknown>;
    change(bot);
    fake.putBehindTheBack(bot as never);
  };

  beforeEach(async () => {
    fake = await FakePoe.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poe-cli-lock-'));
  });
  afterEach(async () => {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  after(() => {
    const all = outputs.join('\n');
    for (const secret of [DEMO_KEY, 'sk-demo-endpoint-1', 'sk-glm-new-key-1', 'sk-glm-new-key-2'])
      assert.ok(!all.includes(secret), 'an output held a key');
  });

  it('pull writes poe-bots.lock.json: a version, bots by handle, one line per field, no key and no plain hash of one', async () => {
    assert.equal((await cli(['pull', 'bots'])).code, 0);
    const text = lockText();
    const lock = JSON.parse(text) as {
      version: number;
      bots: Record<string, { file: string; fingerprint: string; fields: Record<string, string> }>;
    };
    assert.equal(lock.version, 1);
    assert.deepEqual(Object.keys(lock.bots), ['DraftBot', 'GlmHelper', 'ThinkingTutor'], 'sorted by handle');
    assert.equal(lock.bots.GlmHelper!.file, 'GlmHelper.poebot.json');
    assert.match(lock.bots.GlmHelper!.fingerprint, /^[0-9a-f]{64}$/);
    assert.ok(
      'description' in lock.bots.GlmHelper!.fields && 'api_bot_settings.pricing' in lock.bots.GlmHelper!.fields,
    );
    for (const line of text.split('\n')) assert.ok(line.length < 100, `one field a line: ${line}`);
    assert.ok(!text.includes(DEMO_KEY) && !text.includes('sk-demo-endpoint'), 'no key');
    // Pulling again changes nothing: the same bots give the same bytes (it merges and reviews like a lock file).
    assert.equal((await cli(['pull', 'bots'])).code, 0);
    assert.equal(lockText(), text);
  });

  it('a change on Poe: drift exits 2 naming bot, field and values; plan marks it apart from local edits; push --yes refuses only that bot; --overwrite-changed pushes it', async () => {
    await cli(['pull', 'bots']);
    assert.equal((await cli(['drift', 'bots'])).code, 0, 'no drift right after a pull');
    onPoe('GlmHelper', (b) => {
      b.description = 'Edited on poe.com';
    });
    edit('DraftBot', '"description": ""', '"description": "Edited in the pull request"');

    fake.log.length = 0;
    const drift = await cli(['drift', 'bots']);
    assert.equal(drift.code, 2, drift.stdout + drift.stderr);
    assert.match(drift.stdout, /GlmHelper\s+bots\/GlmHelper\.poebot\.json\s+changed: description/);
    assert.match(drift.stdout, /description: "A helpful assistant on GLM 4\.6" → "Edited on poe\.com"/);
    assert.doesNotMatch(drift.stdout, /DraftBot/, 'a local edit is not drift');
    assert.deepEqual(
      fake.log.map((r) => `${r.method} ${r.path}`),
      ['GET /bots'],
    );
    const json = JSON.parse((await cli(['drift', 'bots', '--json'])).stdout) as {
      drifted: { handle: string; fields: { path: string; was: unknown; now: unknown }[] }[];
    };
    assert.deepEqual(json.drifted, [
      {
        handle: 'GlmHelper',
        file: 'bots/GlmHelper.poebot.json',
        kind: 'changed',
        fields: [{ path: 'description', was: 'A helpful assistant on GLM 4.6', now: 'Edited on poe.com' }],
      },
    ]);

    const plan = await cli(['plan', 'bots']);
    assert.equal(plan.code, 2);
    assert.match(plan.stdout, /GlmHelper\s+update: description \(changed on Poe: description\)/);
    assert.match(
      plan.stdout,
      /Changed on Poe since bots\/poe-bots\.lock\.json:\n\s+description: "A helpful assistant on GLM 4\.6" → "Edited on poe\.com"/,
    );
    assert.match(
      plan.stdout,
      /description: "Edited on poe\.com" → "A helpful assistant on GLM 4\.6"/,
      'what the push would do, with values',
    );
    assert.match(plan.stdout, /DraftBot\s+update: description\n/, 'the local edit, not marked as a change on Poe');
    assert.match(plan.stdout, /description: "" → "Edited in the pull request"/);

    const refused = await cli(['push', 'bots', '--yes']);
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(
      refused.stdout,
      /GlmHelper\s+not pushed: changed on Poe \(description\) since bots\/poe-bots\.lock\.json/,
    );
    assert.match(refused.stdout, /--overwrite-changed/);
    assert.match(refused.stdout, /DraftBot\s+pushed: description/);
    assert.equal(fake.peek('GlmHelper')!.bot.description, 'Edited on poe.com', 'the change on Poe is kept');
    assert.equal(fake.peek('DraftBot')!.bot.description, 'Edited in the pull request');

    const forced = await cli(['push', 'bots', '--yes', '--overwrite-changed']);
    assert.equal(forced.code, 0, forced.stdout + forced.stderr);
    assert.equal(fake.peek('GlmHelper')!.bot.description, 'A helpful assistant on GLM 4.6');
    assert.equal((await cli(['drift', 'bots'])).code, 0, 'the lock file records the push');
  });

  it('fields on Poe that the file does not have are listed, with values', async () => {
    await cli(['pull', 'bots']);
    edit('GlmHelper', /"context_size": \d+,\n\s*/.exec(fs.readFileSync(botFile('GlmHelper'), 'utf8'))![0], '');
    const plan = await cli(['plan', 'bots']);
    assert.match(
      plan.stdout,
      /GlmHelper: up to date\n\s+On Poe, not in the file:\n\s+api_bot_settings\.context_size: 131072/,
    );
  });

  it('the endpoint key: its HMAC and host go in the lock file; a changed key is sent without --send-key, to the recorded host without --allow-host; a new host needs allowing', async () => {
    await cli(['pull', 'bots', '--only', 'GlmHelper']);
    edit('GlmHelper', '"api_type"', '"api_key": "${secret:GLM}",\n    "api_type"');
    const first = await cli(['push', 'bots', '--yes', '--send-key', '--allow-host', 'api.example.com'], {
      POE_SECRET_GLM: 'sk-glm-new-key-1',
    });
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const entry = (JSON.parse(lockText()) as { bots: Record<string, Record<string, string>> }).bots.GlmHelper!;
    assert.equal(entry.keyReference, '${secret:GLM}');
    assert.equal(entry.keyHost, 'api.example.com');
    assert.match(entry.keyDigest!, /^hmac-sha256:[0-9a-f]{64}$/);
    assert.ok(
      !lockText().includes(createHash('sha256').update('sk-glm-new-key-1').digest('hex')),
      'not a plain hash of the key',
    );

    const same = await cli(['plan', 'bots'], { POE_SECRET_GLM: 'sk-glm-new-key-1' });
    assert.equal(same.code, 0, 'the same key: nothing to push');
    const changed = await cli(['plan', 'bots'], { POE_SECRET_GLM: 'sk-glm-new-key-2' });
    assert.equal(changed.code, 2, changed.stdout + changed.stderr);
    assert.match(
      changed.stdout,
      /The endpoint key from \$\{secret:GLM\} is sent, for Poe to use with api\.example\.com/,
    );
    const pushed = await cli(['push', 'bots', '--yes'], { POE_SECRET_GLM: 'sk-glm-new-key-2' });
    assert.equal(pushed.code, 0, `the host the lock file records is allowed: ${pushed.stdout}${pushed.stderr}`);
    assert.equal(fake.peek('GlmHelper')!.apiKey, 'sk-glm-new-key-2');

    edit('GlmHelper', 'https://api.example.com/v1', 'https://moved.example.net/v1');
    const moved = await cli(['push', 'bots', '--yes', '--send-key'], { POE_SECRET_GLM: 'sk-glm-new-key-2' });
    assert.equal(moved.code, 1);
    assert.match(moved.stdout + moved.stderr, /moved\.example\.net.*which this run does not allow/);
  });

  it('a lock file from a newer version, or with merge-conflict markers, stops with a clear message and is left as it is', async () => {
    await cli(['pull', 'bots']);
    const newer = lockText().replace('"version": 1', '"version": 2');
    fs.writeFileSync(path.join(dir, 'bots/poe-bots.lock.json'), newer);
    for (const args of [
      ['plan', 'bots'],
      ['push', 'bots', '--yes'],
      ['pull', 'bots'],
      ['drift', 'bots'],
    ]) {
      const r = await cli(args);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(
        r.stderr,
        /bots\/poe-bots\.lock\.json was written by a newer poe-bots \(lock file version 2; this one reads up to 1\)/,
        args.join(' '),
      );
    }
    assert.equal(lockText(), newer);
    fs.writeFileSync(path.join(dir, 'bots/poe-bots.lock.json'), `<<<<<<< HEAD\n${newer}=======\n>>>>>>> theirs\n`);
    assert.match((await cli(['plan', 'bots'])).stderr, /merge-conflict markers/);
  });

  it('a file gone: plan lists its bot; push --prune backs it up into .poe-bots/deleted/ and deletes exactly that bot', async () => {
    await cli(['pull', 'bots']);
    fs.rmSync(botFile('DraftBot'));
    fs.renameSync(botFile('ThinkingTutor'), path.join(dir, 'bots', 'tutor-renamed.poebot.json'));
    const plan = await cli(['plan', 'bots']);
    assert.match(
      plan.stdout,
      /In the lock file, but their file is gone \(push --prune deletes them from Poe\):\n\s+DraftBot \(DraftBot\.poebot\.json\)/,
    );
    assert.doesNotMatch(plan.stdout, /ThinkingTutor \(/, 'a renamed file still holds its bot');
    assert.ok(fake.peek('DraftBot'), 'plan deletes nothing');
    const plain = await cli(['push', 'bots', '--yes']);
    assert.equal(plain.code, 0);
    assert.ok(fake.peek('DraftBot'), 'push without --prune deletes nothing');

    fake.log.length = 0;
    const pruned = await cli(['push', 'bots', '--yes', '--prune']);
    assert.equal(pruned.code, 0, pruned.stdout + pruned.stderr);
    assert.match(
      pruned.stdout,
      /DraftBot\.poebot\.json\s+DraftBot\s+deleted \(its file is gone; backup: bots\/\.poe-bots\/deleted\/DraftBot\.poebot\.json\)/,
    );
    assert.deepEqual(
      fake.writes().map((r) => `${r.method} ${r.path}`),
      ['DELETE /bots/DraftBot'],
      'exactly that bot',
    );
    assert.equal(fake.peek('DraftBot'), undefined);
    const backup = JSON.parse(
      fs.readFileSync(path.join(dir, 'bots/.poe-bots/deleted/DraftBot.poebot.json'), 'utf8'),
    ) as { handle: string };
    assert.equal(backup.handle, 'DraftBot');
    assert.ok(!('DraftBot' in (JSON.parse(lockText()) as { bots: object }).bots), 'gone from the lock file');
    assert.equal(
      (await cli(['plan', 'bots'])).code,
      0,
      'nothing left to prune; the backup is not taken for a bot file',
    );
  });
});
