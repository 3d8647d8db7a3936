// Builds the extension bundle (dist/), and with --tests the unit, editor and UI suites, the fake Poe server and the
// bench (out/). --production minifies the extension and drops its source map; --watch rebuilds on change.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const { generateValidator } = require('./scripts/generate-validator.js');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

// jsonc-parser's "main" is a UMD build that esbuild cannot follow: take its ES module build.
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], logLevel: 'warning' };

function entries(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith(suffix)).map((f) => path.join(dir, f));
}

async function main() {
  generateValidator();
  const builds = [{
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
    metafile: true,
  }];
  if (tests) {
    builds.push({
      ...common,
      entryPoints: [
        ...entries('test/unit', '.test.ts'),
        ...entries('test/editor', '.ts'),
        ...entries('test/ui', '.ts'),
        'test/fake-poe/cli.ts',
        'test/fake-poe/server.ts',
        'test/fake-poe/seeds.ts',
        'bench/run.ts',
        'bench/vscodeStub.ts',
      ],
      outdir: 'out',
      outbase: '.',
      external: ['vscode', 'mocha', 'playwright-core', 'esbuild'],
      sourcemap: true,
    });
  }
  if (watch) {
    for (const b of builds) await (await esbuild.context(b)).watch();
    console.log('[esbuild] watching');
    return;
  }
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  const bytes = fs.statSync('dist/extension.js').size;
  if (!process.env.CI_QUIET) console.log(`[esbuild] dist/extension.js ${(bytes / 1024).toFixed(0)} KB${production ? ' (production)' : ''}${tests ? ' + tests' : ''}`);
  fs.writeFileSync('dist/meta.json', JSON.stringify(results[0].metafile));
}

main().catch((e) => { console.error(e); process.exit(1); });
