// npm run bench: speed and size figures, each against a baseline measured in the same run, so a slow or busy
// machine moves both. Targets are ratios or the issues' budgets. --quick shrinks the folder push.
import './vscodeStub';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { request } from 'undici';
import { validateBotFile } from '../src/botfile/validate';
import { planPush } from '../src/botfile/plan';
import { PoeBotsClient, RateLimiter } from '../src/poe';
import { botItem } from '../src/workbench/tree/items';
import { FakePoe } from '../test/fake-poe/server';
import { DEMO_KEY } from '../test/fake-poe/seeds';
import { coldMedian, median, printTable, type Row } from './measure';
import { replyRenderRows } from './replyRender';
import { cliRows, endpointRows, tryBotRows } from './rooms';
import { botTestRows } from './botTests';
import { mcpRows } from './mcp';

/** An empty Memento, as a context built in a `node -e` snippet has it. */
const MEMENTO = '{ get: () => undefined, update: async () => undefined, keys: () => [] }';
const ROOT = path.resolve(__dirname, '../..');
const quick = process.argv.includes('--quick');

function largeBot(controls: number): Record<string, unknown> {
  return {
    handle: 'Large',
    description: 'x'.repeat(200),
    is_private: true,
    api_bot_settings: {
      model_name: 'm',
      base_url: 'https://api.example.com/v1',
      api_key: '${secret:Large}',
      api_type: 'chat_completions_api',
      input_modalities: ['text'],
      output_modalities: ['text'],
      pricing: { prompt: '0.000001', completion: '0.000002' },
      param_definitions: Array.from({ length: controls }, (_, i) => ({
        param_name: `p${i}`,
        param_dest: 'extra_body',
        default_value: i,
      })),
    },
    parameter_controls: {
      api_version: '2',
      sections: Array.from({ length: Math.ceil(controls / 50) }, (_, s) => ({
        name: `Section ${s}`,
        controls: Array.from({ length: 50 }, (_, j) => ({
          control: 'slider',
          label: `Parameter ${s * 50 + j} with a long label`,
          description: 'A slider. '.repeat(8),
          parameter_name: `p${s * 50 + j}`,
          min_value: 0,
          max_value: 100000,
          step: 1,
          default_value: s * 50 + j,
        })),
      })),
    },
  };
}

/** Size, start-up, listing, validation, planning and the rate-limited folder push. */
async function coreRows(): Promise<Row[]> {
  const rows: Row[] = [];
  const bundle = path.join(ROOT, 'dist/extension.js');

  // Size: the whole extension against undici alone (the one dependency it cannot do without), both minified.
  const esbuild = await import('esbuild');
  const undiciOnly = await esbuild.build({
    stdin: { contents: 'module.exports = require("undici")', resolveDir: ROOT },
    bundle: true,
    platform: 'node',
    minify: true,
    write: false,
  });
  const size = fs.statSync(bundle).size;
  const undiciSize = undiciOnly.outputFiles[0]!.contents.length;
  rows.push({
    figure: 'bundle size (dist/extension.js)',
    value: `${(size / 1024).toFixed(0)} KB`,
    baseline: `undici alone ${(undiciSize / 1024).toFixed(0)} KB`,
    ratio: size / undiciSize,
    target: '≤ 2.0×',
    ok: size / undiciSize <= 2,
  });

  // Cold require and activate(), each in a fresh process, against an empty module doing the same.
  const stubPath = path.join(__dirname, 'vscodeStub.js');
  const snippet = (file: string, activate: boolean) =>
    `require(${JSON.stringify(stubPath)}); const t = performance.now(); const m = require(${JSON.stringify(file)});` +
    `${activate ? ` m.activate({ subscriptions: [], secrets: { onDidChange: () => ({ dispose() {} }) }, extension: { packageJSON: {} }, extensionMode: 1, workspaceState: ${MEMENTO}, globalState: ${MEMENTO}, extensionUri: {} });` : ''} console.log(performance.now() - t);`;
  // The baseline of a cold load is compiling the same file (V8 parses it, nothing runs): what is left over is our
  // own start-up work, whatever the machine's speed.
  const compileSnippet = (file: string) =>
    `const fs = require('fs'), vm = require('vm'); const s = fs.readFileSync(${JSON.stringify(file)}, 'utf8'); const t = performance.now();` +
    ` new vm.Script('(function (exports, require, module, __filename, __dirname) {' + s + '\\n})', { filename: 'x.js' }); console.log(performance.now() - t);`;
  const reqExt = coldMedian(7, snippet(bundle, false));
  const compileExt = coldMedian(7, compileSnippet(bundle));
  rows.push({
    figure: 'require the bundle (cold)',
    value: `${reqExt.toFixed(1)} ms`,
    baseline: `compiling it ${compileExt.toFixed(2)} ms`,
    ratio: reqExt / compileExt,
    target: '≤ 3×',
    ok: reqExt / compileExt <= 3,
  });
  const actExt = coldMedian(7, snippet(bundle, true));
  rows.push({
    figure: 'require + activate() (cold)',
    value: `${actExt.toFixed(1)} ms`,
    baseline: `compiling it ${compileExt.toFixed(2)} ms`,
    ratio: actExt / compileExt,
    target: '≤ 3.5×',
    ok: actExt / compileExt <= 3.5,
  });
  // Which files of dist/ activation reads: only extension.js (undici, the validator, markdown-it, the endpoint room
  // and the panels load on first use).
  const read = execFileSync(
    process.execPath,
    [
      '-e',
      `require(${JSON.stringify(stubPath)}); const m = require(${JSON.stringify(bundle)}); m.activate({ subscriptions: [], secrets: { onDidChange: () => ({ dispose() {} }) }, extension: { packageJSON: {} }, extensionMode: 1, workspaceState: ${MEMENTO}, globalState: ${MEMENTO}, extensionUri: {} }); console.log(Object.keys(require.cache).filter((f) => f.includes(${JSON.stringify(`${path.sep}dist${path.sep}`)})).map((f) => require('path').basename(f)).join(','))`,
    ],
    { encoding: 'utf8' },
  ).trim();
  rows.push({
    figure: 'dist/ files read by activate()',
    value: read,
    baseline: 'undici, validator, markdown, endpoint, tests, panels: on first use',
    target: 'extension.js only',
    ok: read === 'extension.js',
  });

  // Listing 1,000 bots and building their tree items, against a raw undici GET + JSON.parse of the same payload.
  const fake = await FakePoe.start({ seed: 'many:1000' });
  const client = new PoeBotsClient({ baseUrl: fake.url, getKey: async () => DEMO_KEY, limiter: false });
  const raw = async () => {
    const r = await request(`${fake.url}/bots`, { headers: { authorization: `Bearer ${DEMO_KEY}` } });
    return JSON.parse(await r.body.text());
  };
  const ours = async () => (await client.listBots()).map((bot) => botItem(bot, { busy: false }));
  await raw();
  await ours();
  const tRaw = await median(15, raw);
  const tOurs = await median(15, ours);
  rows.push({
    figure: 'list 1,000 bots + tree items',
    value: `${tOurs.toFixed(1)} ms`,
    baseline: `raw undici GET + JSON.parse ${tRaw.toFixed(1)} ms`,
    ratio: tOurs / tRaw,
    target: '≤ 1.3×',
    ok: tOurs / tRaw <= 1.3,
  });
  await fake.stop();

  // Validation: a typical file, a 1 MB file (many parameter controls), and loading the compiled validator.
  const typical = fs.readFileSync(path.join(ROOT, 'sandbox/workspace/NewIdea.poebot.json'), 'utf8');
  let controls = 200;
  let big = JSON.stringify(largeBot(controls), null, 2);
  while (big.length < 1_000_000) {
    controls += 200;
    big = JSON.stringify(largeBot(controls), null, 2);
  }
  const tTypical = await median(200, () => validateBotFile(typical));
  const tParseTypical = await median(200, () => JSON.parse(typical.replace(/^\s*\/\/.*$/gm, '')));
  rows.push({
    figure: 'validate a typical bot file',
    value: `${tTypical.toFixed(3)} ms`,
    baseline: `JSON.parse ${tParseTypical.toFixed(3)} ms`,
    ratio: tTypical / tParseTypical,
    target: '≤ 80×',
    ok: tTypical / tParseTypical <= 80,
  });
  const tBig = await median(9, () => validateBotFile(big));
  const tParseBig = await median(9, () => JSON.parse(big));
  rows.push({
    figure: `validate a ${(big.length / 1e6).toFixed(1)} MB bot file`,
    value: `${tBig.toFixed(1)} ms`,
    baseline: `JSON.parse ${tParseBig.toFixed(1)} ms`,
    ratio: tBig / tParseBig,
    target: '≤ 20×',
    ok: tBig / tParseBig <= 20,
  });
  const validatorFile = path.join(ROOT, 'dist/validator.js');
  const tLoad = coldMedian(
    7,
    `const t = performance.now(); require(${JSON.stringify(validatorFile)}); console.log(performance.now() - t);`,
  );
  const tCompileValidator = coldMedian(7, compileSnippet(validatorFile));
  rows.push({
    figure: 'load the compiled validator (cold)',
    value: `${tLoad.toFixed(1)} ms`,
    baseline: `compiling it ${tCompileValidator.toFixed(2)} ms`,
    ratio: tLoad / tCompileValidator,
    target: '≤ 4×',
    ok: tLoad / tCompileValidator <= 4,
  });

  // The planner on the large bot, against JSON.stringify of it (the least any comparison must do).
  const local = largeBot(controls);
  const remote = { ...largeBot(controls), description: 'changed' } as never;
  const tPlan = await median(9, () => planPush({ verb: 'auto', local, remote }));
  const tStr = await median(9, () => JSON.stringify(local) + JSON.stringify(remote));
  rows.push({
    figure: 'plan a push of the large bot',
    value: `${tPlan.toFixed(1)} ms`,
    baseline: `JSON.stringify both ${tStr.toFixed(1)} ms`,
    ratio: tPlan / tStr,
    target: '≤ 6×',
    ok: tPlan / tStr <= 6,
  });

  // A folder push of 200 bots through the shared limiter, against a fake enforcing Poe's 500 requests a minute:
  // plan (GET), write (POST), verify (GET) for each, as the folder push does.
  const count = quick ? 40 : 200;
  const fleet = await FakePoe.start({ seed: 'empty' });
  const limited = new PoeBotsClient({ baseUrl: fleet.url, getKey: async () => DEMO_KEY, limiter: new RateLimiter() });
  const t0 = performance.now();
  const handles = Array.from({ length: count }, (_, i) => `Fleet${i}`);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < handles.length) {
        const h = handles[next++]!;
        await limited.getBot(h).catch(() => undefined);
        await limited.createBot({ handle: h, description: 'bench' });
        await limited.getBot(h);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const sent = fleet.log.length;
  rows.push({
    figure: `folder push of ${count} bots at 500 req/min`,
    value: `${sent} requests in ${seconds.toFixed(1)} s, ${fleet.rejected429} rejected`,
    baseline: `${count * 3} requests needed`,
    ratio: sent / (count * 3),
    target: '1.00×, 0 rejected',
    ok: fleet.rejected429 === 0 && sent === count * 3,
  });
  await fleet.stop();
  return rows;
}

/** Each group of figures; `--only cli,mcp` measures just those (for working on one figure: a target is met only in a
 * whole run). */
const GROUPS: Record<string, (quick: boolean) => Promise<Row[]>> = {
  core: coreRows,
  endpoint: endpointRows,
  tryBot: tryBotRows,
  replyRender: replyRenderRows,
  cli: cliRows,
  botTests: botTestRows,
  mcp: mcpRows,
};

async function main(): Promise<void> {
  const at = process.argv.indexOf('--only');
  const only = at >= 0 ? (process.argv[at + 1] ?? '').split(',') : Object.keys(GROUPS);
  const unknown = only.filter((g) => !(g in GROUPS));
  if (unknown.length) throw new Error(`No figures named ${unknown.join(', ')}: ${Object.keys(GROUPS).join(', ')}.`);
  const rows: Row[] = [];
  for (const g of only) rows.push(...(await GROUPS[g]!(quick)));
  printTable(rows);
  const missed = rows.filter((r) => r.ok === false);
  console.log(missed.length ? `\n${missed.length} figure(s) missed their target.` : '\nEvery figure met its target.');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
