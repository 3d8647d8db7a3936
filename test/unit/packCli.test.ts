// The installable command line: npm run pack:cli's tarball installed into an empty prefix, offline (so it can need
// no dependency from a registry), and run from there against the fake.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FakePoe } from '../fake-poe/server';
import { DEMO_KEY } from '../fake-poe/seeds';

const ROOT = path.resolve(__dirname, '../../..');

describe('poe-bots packed and installed', function () {
  this.timeout(120_000);
  let tmp: string;
  let fake: FakePoe;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'poe-pack-'));
    fake = await FakePoe.start();
  });
  after(async () => {
    await fake.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('is one tarball with the CLI, the schema and a README, no dependencies; npm install -g of it gives a working poe-bots', async () => {
    const printed = execFileSync(
      process.execPath,
      [path.join(ROOT, 'scripts/pack-cli.mjs'), '--out', path.join(tmp, 'out')],
      { encoding: 'utf8' },
    )
      .trim()
      .split('\n');
    const tgz = printed.at(-1)!;
    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
      .version;
    assert.equal(path.basename(tgz), `poe-bots-${version}.tgz`, 'its path is the last line printed');
    const listing = execFileSync('tar', ['tzf', tgz], { encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(listing, [
      'package/LICENSE',
      'package/README.md',
      'package/cli.js',
      'package/endpoint.js',
      'package/package.json',
      'package/schemas/poebot.schema.json',
      'package/undici.js',
      'package/validator.js',
    ]);
    const manifest = JSON.parse(
      execFileSync('tar', ['xzOf', tgz, 'package/package.json'], { encoding: 'utf8' }),
    ) as Record<string, unknown>;
    assert.equal(manifest.dependencies, undefined);
    assert.deepEqual(manifest.bin, { 'poe-bots': 'cli.js' });

    const prefix = path.join(tmp, 'prefix');
    const npmEnv = {
      ...process.env,
      npm_config_cache: path.join(tmp, 'cache'),
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    execFileSync('npm', ['install', '-g', '--prefix', prefix, tgz], { env: npmEnv, stdio: 'pipe' });
    const bin = path.join(prefix, 'bin', 'poe-bots');
    // Not execFileSync: the fake answers from this process, which must keep running meanwhile.
    const run = async (args: string[]) =>
      (
        await promisify(execFile)(bin, args, {
          cwd: tmp,
          encoding: 'utf8',
          env: { PATH: process.env.PATH, NO_COLOR: '1', POE_API_KEY: DEMO_KEY, POE_API_BASE_URL: fake.url },
        })
      ).stdout;
    assert.equal((await run(['--version'])).trim(), version);
    assert.match(await run(['list']), /GlmHelper/, 'undici is in the package: it talks to Poe');
    fs.mkdirSync(path.join(tmp, 'bots'));
    await run(['pull', 'bots']);
    assert.match(await run(['validate', 'bots']), /3 bot file\(s\): 0 error\(s\)/, 'the validator is in the package');
    assert.ok(fs.existsSync(path.join(tmp, 'bots', 'poe-bots.lock.json')));
  });
});
