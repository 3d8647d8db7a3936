// The README's two commands on a fresh clone: with node_modules missing, `npm ci` runs first, its output on the
// terminal; with node_modules there, it does not run.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../../scripts/ensureDeps.mjs');

describe('A fresh clone', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poe-clone-'));
    fs.mkdirSync(path.join(dir, 'scripts'));
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.copyFileSync(SCRIPT, path.join(dir, 'scripts/ensureDeps.mjs'));
    // A stand-in npm: says what it was asked and makes node_modules, as npm ci would.
    fs.writeFileSync(path.join(dir, 'bin/npm'), '#!/bin/sh\necho "npm $* in $(pwd)"\nmkdir node_modules\n', {
      mode: 0o755,
    });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = () =>
    execFileSync(process.execPath, [path.join(dir, 'scripts/ensureDeps.mjs')], {
      cwd: os.tmpdir(),
      encoding: 'utf8',
      env: { ...process.env, PATH: `${path.join(dir, 'bin')}${path.delimiter}${process.env.PATH}` },
    });

  it('runs npm ci in the clone when node_modules is missing, its output shown; then no more', function () {
    if (process.platform === 'win32') this.skip();
    const first = run();
    assert.match(first, /node_modules is missing/);
    assert.ok(first.includes(`npm ci in ${fs.realpathSync(dir)}`) || first.includes(`npm ci in ${dir}`), first);
    assert.equal(run(), '', 'node_modules is there: nothing to do');
  });
});
