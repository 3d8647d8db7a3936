// npm run pack:cli: the command line as an installable tarball, poe-bots-<version>.tgz, holding the bundled CLI (and
// the siblings it loads on first use: undici, the validator, the endpoint checker), the bot file schema, a README and
// the licence: no runtime dependencies, no development files. Packs what dist/ holds (npm run pack:cli builds it
// for production first). Its path is the last line printed. --out DIR puts it elsewhere (the install test does).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const outDir = path.resolve(outArg >= 0 ? process.argv[outArg + 1] : root);
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const FILES = ['cli.js', 'undici.js', 'validator.js', 'endpoint.js'];

const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'poe-bots-pack-'));
try {
  for (const f of FILES) {
    const from = path.join(root, 'dist', f);
    if (!fs.existsSync(from)) throw new Error(`dist/${f} is missing: build first (npm run pack:cli does).`);
    fs.copyFileSync(from, path.join(stage, f));
  }
  fs.chmodSync(path.join(stage, 'cli.js'), 0o755);
  fs.mkdirSync(path.join(stage, 'schemas'));
  fs.copyFileSync(path.join(root, 'schemas/poebot.schema.json'), path.join(stage, 'schemas/poebot.schema.json'));
  fs.copyFileSync(path.join(root, 'LICENSE'), path.join(stage, 'LICENSE'));
  // The CLI's own documentation is its README; links into the repository are made absolute.
  const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
  const readme = fs
    .readFileSync(path.join(root, 'docs/cli.md'), 'utf8')
    .replace(/\]\((?!https?:|#)([^)]+)\)/g, (_m, rel) => `](${repo}/blob/main/docs/${rel})`);
  fs.writeFileSync(path.join(stage, 'README.md'), readme);
  const manifest = {
    name: 'poe-bots',
    version: pkg.version,
    description: 'Poe API bots as code, from a terminal or CI: validate, plan, push, pull, drift.',
    license: pkg.license,
    repository: pkg.repository,
    bugs: pkg.bugs,
    engines: { node: pkg.engines.node },
    bin: { 'poe-bots': 'cli.js' },
    files: [...FILES, 'schemas/', 'README.md', 'LICENSE'],
    keywords: ['poe', 'bots', 'cli', 'ci'],
  };
  fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.mkdirSync(outDir, { recursive: true });
  const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', outDir], { cwd: stage, encoding: 'utf8' })
    .trim()
    .split('\n')
    .at(-1);
  console.log(path.join(outDir, out));
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}
