// Imported first by the README's two commands (npm test, npm run sandbox): on a fresh clone, where node_modules is
// missing, it runs `npm ci` before anything needs a dependency. Node built-ins only, so it runs before they exist.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (!fs.existsSync(path.join(root, 'node_modules'))) {
  console.log('node_modules is missing (a fresh clone?): running npm ci first');
  const windows = process.platform === 'win32';
  const r = spawnSync(windows ? 'npm.cmd' : 'npm', ['ci'], { cwd: root, stdio: 'inherit', shell: windows });
  if (r.status !== 0) {
    console.error(`npm ci failed (${r.error?.message ?? `exit ${r.status}`}); run it yourself, then try again.`);
    process.exit(r.status || 1);
  }
}
