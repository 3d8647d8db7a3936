// The packaged .vsix: only what runs, nothing of the source, the tests or node_modules; small.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { vsixPath } from './workbench';

describe('Package', () => {
  it('holds the bundle, the schema, the media and the docs, and nothing else', () => {
    // vsce stores README.md and CHANGELOG.md in lower case.
    const listing = execFileSync('unzip', ['-Z1', vsixPath()], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((f) => f.replace(/^extension\//, '').toLowerCase());
    const bad = listing.filter(
      (f) =>
        /^(src|test|out|scripts|node_modules|\.tools)\//.test(f) || /\.(ts|map)$/.test(f) || f.includes('node_modules'),
    );
    assert.deepEqual(bad, []);
    for (const need of [
      'dist/extension.js',
      'dist/undici.js',
      'dist/validator.js',
      'dist/tests.js',
      'dist/agentTools.js',
      'dist/panels.js',
      'dist/endpoint.js',
      'schemas/poebot.schema.json',
      'schemas/poebot-test.schema.json',
      'media/icon.png',
      'package.json',
      'package.nls.json',
      'readme.md',
      'changelog.md',
      'license.txt',
    ]) {
      assert.ok(listing.includes(need.toLowerCase()), `${need} is in the package (has: ${listing.join(', ')})`);
    }
    const kb = fs.statSync(vsixPath()).size / 1024;
    assert.ok(kb < 600, `the .vsix is ${kb.toFixed(0)} KB`);
  });
});
