// Builds the extension (dist/), and with --tests the unit, editor and UI suites, the fakes and the bench (out/).
// --production minifies and drops source maps; --watch rebuilds on change.
//
// dist/ holds one file per thing that loads at a different time, so activation reads only what the first screen
// needs: extension.js (activation), undici.js (the first request), validator.js (the first bot file checked),
// panels.js (the first panel opened) and cli.js (the command line). The extension's code names undici and the
// validator as usual; here those imports become require()s of the sibling file.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const { generateValidator } = require('./scripts/generate-validator.js');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** `import text from './x.json?text'`: the file as a string, for data read only when needed (see schemaErrors.ts). */
const asText = {
  name: 'as-text',
  setup(build) {
    build.onResolve({ filter: /\?text$/ }, (args) => ({
      path: path.resolve(args.resolveDir, args.path.replace(/\?text$/, '')),
      namespace: 'as-text',
    }));
    build.onLoad({ filter: /.*/, namespace: 'as-text' }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8');
      return { contents: args.path.endsWith('.json') ? JSON.stringify(JSON.parse(text)) : text, loader: 'text' };
    });
  },
};

// jsonc-parser's "main" is a UMD build that esbuild cannot follow: take its ES module build.
// The version the command line prints, baked in so `poe-bots --version` reads nothing else.
const VERSION = JSON.parse(fs.readFileSync(path.join(__dirname, 'package.json'), 'utf8')).version;
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  plugins: [asText],
  define: { __POE_BOTS_VERSION__: JSON.stringify(VERSION) },
};

// The modules that live in a file of their own under dist/: scripts/siblings.js (a test reads the same list).
const { SIBLINGS } = require('./scripts/siblings.js');

/** The panels' webview scripts and styles, for the browser: each media/panels/<panel>/ gives its main.ts and
 * style.css to dist/media/<panel>/ (nothing there runs in Node). A new panel's folder is found by itself. */
const WEBVIEWS = Object.fromEntries(
  fs
    .readdirSync('media/panels', { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => [
      [`${d.name}/main`, `media/panels/${d.name}/main.ts`],
      [`${d.name}/style`, `media/panels/${d.name}/style.css`],
    ]),
);
/** What a Marketplace reviewer, and a slow connection to a remote host, would accept for one panel. */
const WEBVIEW_BUDGET_KB = 150;

const siblings = {
  name: 'siblings',
  setup(build) {
    for (const s of SIBLINGS) {
      build.onResolve({ filter: s.filter }, (args) =>
        args.kind === 'entry-point' ? undefined : { path: s.file, external: true },
      );
    }
  },
};

const name = (file) => path.basename(file, '.js').replace(/^\.\//, '');

function entries(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .map((f) => path.join(dir, f));
}

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function existing(map) {
  return Object.fromEntries(Object.entries(map).filter(([, file]) => fs.existsSync(file)));
}

async function main() {
  generateValidator();
  const dist = { ...common, outdir: 'dist', minify: production, sourcemap: !production, metafile: true };
  const ours = { extension: 'src/extension.ts', cli: 'src/cli/main.ts' };
  for (const sib of SIBLINGS.filter((x) => !x.vendor)) ours[name(sib.file)] = sib.entry;
  const vendor = Object.fromEntries(SIBLINGS.filter((x) => x.vendor).map((x) => [name(x.file), x.entry]));
  const builds = [
    // Our code, for the editor and the command line: every sibling is required from its own file, not inlined.
    { ...dist, entryPoints: existing(ours), external: ['vscode'], plugins: [siblings, asText] },
    // The heavy dependencies, each on its own.
    { ...dist, entryPoints: existing(vendor) },
    // The webviews: always minified (they cross to the webview on every show), never with source maps beside them.
    {
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
      minify: true,
      logLevel: 'warning',
      outdir: 'dist/media',
      entryPoints: existing(WEBVIEWS),
      metafile: true,
    },
  ];
  if (tests) {
    fs.rmSync('out/test', { recursive: true, force: true }); // no test of a deleted file may linger and run
    builds.push({
      ...common,
      entryPoints: [
        ...entries('test/unit', '.test.ts'),
        ...entries('test/editor', '.ts'),
        ...entries('test/ui', '.ts'),
        ...entries('test/fake-poe', '.ts'),
        ...entries('test/fake-endpoint', '.ts'),
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
  const kb = (f) => `${(fs.statSync(f).size / 1024).toFixed(0)} KB`;
  if (!process.env.CI_QUIET) {
    const files = ['extension', ...SIBLINGS.map((x) => name(x.file)), 'cli']
      .map((n) => `dist/${n}.js`)
      .filter((f) => fs.existsSync(f));
    console.log(
      `[esbuild] ${files.map((f) => `${path.basename(f)} ${kb(f)}`).join(', ')}${production ? ' (production)' : ''}${tests ? ' + tests' : ''}`,
    );
  }
  const media = listFiles('dist/media');
  // Each panel's assets, against the budget for one panel.
  const panels = [...new Set(media.map((f) => path.relative('dist/media', f).split(path.sep)[0]))];
  for (const panel of panels) {
    const files = media.filter((f) => path.relative('dist/media', f).startsWith(`${panel}${path.sep}`));
    const total = files.reduce((sum, f) => sum + fs.statSync(f).size, 0) / 1024;
    if (!process.env.CI_QUIET)
      console.log(
        `[esbuild] ${panel} webview: ${files.map((f) => `${path.basename(f)} ${kb(f)}`).join(', ')} (${total.toFixed(0)} KB of ${WEBVIEW_BUDGET_KB})`,
      );
    if (total > WEBVIEW_BUDGET_KB)
      throw new Error(
        `the ${panel} webview's assets are ${total.toFixed(0)} KB, over the ${WEBVIEW_BUDGET_KB} KB budget`,
      );
  }
  if (fs.existsSync('dist/cli.js')) fs.chmodSync('dist/cli.js', 0o755);
  fs.writeFileSync('dist/meta.json', JSON.stringify(results[0].metafile));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
