// The README's test command: lint, type check, unit tests, the in-editor suite in a real VS Code, and the UI
// scenarios through Chromium. Every tier runs even when an earlier one failed; the last line adds them all up.
import './ensureDeps.mjs'; // first: on a fresh clone, npm ci before anything needs a dependency
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const t0 = Date.now();
const stamp = () => `${((Date.now() - t0) / 1000).toFixed(0)}s`;
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedTiers = [];
const statsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'poe-stats-'));

function run(cmd, args, env = {}) {
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;
}

/** A check that counts as one test: passes or fails as a whole. */
function check(name, cmd, args) {
  console.log(`\n== ${name} [${stamp()}]`);
  const ok = run(cmd, args);
  totals[ok ? 'passed' : 'failed']++;
  if (!ok) failedTiers.push(name);
  console.log(`${name}: ${ok ? 'ok' : 'FAILED'}`);
  return ok;
}

/** A test tier that reports its own counts through POE_TEST_STATS. */
function tier(name, cmd, args) {
  console.log(`\n== ${name} [${stamp()}]`);
  const file = path.join(statsDir, `${name.replace(/\W+/g, '-')}.json`);
  const ok = run(cmd, args, { POE_TEST_STATS: file });
  const stats = fs.existsSync(file)
    ? JSON.parse(fs.readFileSync(file, 'utf8'))
    : { passes: 0, failures: 1, pending: 0 };
  if (!ok && stats.failures === 0) stats.failures = 1; // it crashed before or after its tests
  totals.passed += stats.passes;
  totals.failed += stats.failures;
  totals.skipped += stats.pending;
  if (stats.failures) failedTiers.push(name);
  console.log(`${name}: ${stats.passes} passed, ${stats.failures} failed [${stamp()}]`);
}

// The build comes first: it generates the schema validator that type checking and lint read.
const built = check('build', 'node', ['esbuild.js', '--tests']);
check('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);
check('format', 'npx', ['prettier', '--check', '.']);
check('type check', 'npx', ['tsc', '--noEmit', '-p', '.']);
if (built) {
  tier('unit', 'npx', ['mocha']);
  const ready = check('editor setup', 'bash', ['scripts/setup-editor.sh']);
  if (ready) {
    tier('in-editor', 'node', ['scripts/editor/runEditorTests.mjs']);
    const packaged = check('package', 'npm', ['run', '--silent', 'package']);
    if (packaged)
      tier('ui', 'npx', [
        'mocha',
        '--no-config',
        '--reporter',
        'test/support/reporter.cjs',
        '--timeout',
        '240000',
        '--enable-source-maps',
        'out/test/ui/*.test.js',
      ]);
  }
}
fs.rmSync(statsDir, { recursive: true, force: true });
console.log(`\nDone in ${stamp()}.${failedTiers.length ? ` Failed: ${failedTiers.join(', ')}.` : ''}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed ? 1 : 0);
