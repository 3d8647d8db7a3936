// poe-bots test [paths...]: every *.poebot-test.json under the paths, run by the core runner (src/tests) as the
// Testing view runs it; a line per case, a failure's expected vs got, JUnit XML for CI (--junit), Markdown for a job
// summary (--format markdown). Exit 0 all passed, 4 a case failed, 1 an error stopped the run (or a test file or a
// case cannot run). An endpoint key passes the same gate as a push; a run through Poe spends points only within
// --max-points, or after a yes at a terminal.

import fs from 'node:fs';
import path from 'node:path';
import { loadTests, type LoadedTests } from '../../tests/load';
import { TEST_FILE_SUFFIX } from '../../tests/kinds';
import type { CaseResult, JunitSuite, Sender } from '../../tests';
import { apiAddress, client, CliError, findFiles, poeKey } from '../env';
import { keyGate, keySources, type KeyPolicy } from '../keys';
import type { Out } from '../output';
import { writeFileAtomic } from '../writeFile';
import { askYesNo } from '../ask';

export const EXIT_CASE_FAILED = 4;

export interface TestFlags {
  junit?: string;
  format?: string;
  maxPoints?: string;
  policy: KeyPolicy;
  interactive: boolean;
  signal: AbortSignal;
  version: string;
}

interface File {
  label: string;
  loaded: LoadedTests;
}

export async function testCommand(paths: string[], o: TestFlags, out: Out): Promise<number> {
  if (o.format !== undefined && o.format !== 'markdown')
    throw new CliError(`--format takes "markdown", not ${JSON.stringify(o.format)}.`);
  const maxPoints = o.maxPoints === undefined ? undefined : Number(o.maxPoints);
  if (maxPoints !== undefined && (!Number.isFinite(maxPoints) || maxPoints < 0 || o.maxPoints!.trim() === ''))
    throw new CliError(`--max-points takes a number of points, 0 or more, not ${JSON.stringify(o.maxPoints)}.`);
  const where = paths.length ? paths : ['.'];
  const refs = findFiles(where, TEST_FILE_SUFFIX);
  if (!refs.length) throw new CliError(`No *${TEST_FILE_SUFFIX} files under ${where.join(', ')}: nothing to test.`);
  const readText = async (p: string) => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  };
  const files: File[] = await Promise.all(
    refs.map(async (f) => ({
      label: f.label,
      loaded: await loadTests(fs.readFileSync(f.id, 'utf8'), (bot) => path.resolve(path.dirname(f.id), bot), readText),
    })),
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the runner and its routes, read only by this command
  const tests = require('../../tests') as typeof import('../../tests');

  const throughPoe = files
    .filter((f) => !f.loaded.problem && f.loaded.view.route === 'poe')
    .reduce((n, f) => n + f.loaded.planned.filter((p) => !p.case.problem).length, 0);
  if (throughPoe && maxPoints === undefined) {
    const what = `${throughPoe} case${throughPoe === 1 ? '' : 's'} go${throughPoe === 1 ? 'es' : ''} through Poe with your Poe key, and each costs points`;
    if (!o.interactive) throw new CliError(`${what}: pass --max-points N to let this run spend at most N points.`);
    if (!(await askYesNo(`${what}. Run them? [y/N] `))) throw new CliError('Nothing was sent.');
  }

  const gate = keyGate(o.policy, process.env.POE_API_KEY?.trim());
  let spent = 0;
  const senderFor = (f: File): Sender => {
    const { loaded } = f;
    if (loaded.view.route === 'direct') {
      return tests.directSender({
        bot: loaded.bot!,
        botLabel: path.relative(process.cwd(), loaded.botPath!) || loaded.botPath!,
        gate,
        sources: keySources(o.policy),
      });
    }
    const handle = loaded.view.handle ?? loaded.bot?.handle;
    if (!handle) throw new CliError(`${f.label}: the bot file names no handle to call through Poe.`);
    const poe = tests.poeSender({
      handle,
      apiBaseUrl: apiAddress(),
      poeKey: poeKey(),
      client: client(o.version),
      maxPoints: maxPoints === undefined ? undefined : Math.max(0, maxPoints - spent),
    });
    return {
      ...poe,
      send: async (c, signal) => {
        const before = poe.spent();
        try {
          return await poe.send(c, signal);
        } finally {
          spent += poe.spent() - before;
        }
      },
    };
  };

  const icon = {
    passed: out.color.green('✓'),
    failed: out.color.red('✗'),
    errored: out.color.yellow('!'),
    skipped: out.color.dim('–'),
  };
  const lines = !out.json && o.format !== 'markdown';
  const say = (text: string) => {
    if (lines) out.line(text);
    else out.progress(text);
  };
  const suites: (JunitSuite & { bot?: string; route: string })[] = [];
  let stopped = false;
  for (const f of files) {
    if (stopped || o.signal.aborted) break;
    if (files.length > 1 || lines) say(out.color.bold(f.label));
    const suite: JunitSuite & { bot?: string; route: string } = {
      name: f.label,
      results: [],
      bot: f.loaded.view.bot,
      route: f.loaded.view.route,
    };
    suites.push(suite);
    if (f.loaded.problem) {
      suite.error = f.loaded.problem;
      say(`  ${icon.errored} ${f.loaded.problem}`);
      continue;
    }
    let sender: Sender;
    try {
      sender = senderFor(f);
    } catch (e) {
      suite.error = (e as Error).message;
      say(`  ${icon.errored} ${suite.error}`);
      stopped = true;
      continue;
    }
    const run = await tests.runCases(f.loaded.planned, sender, {
      signal: o.signal,
      onResult: (r) => say(caseLine(r, icon, out)),
    });
    suite.results = run.results;
    if (run.error) {
      suite.error = run.error;
      say(`  ${icon.errored} Stopped: ${run.error}`);
      stopped = true;
    }
  }

  const all = suites.flatMap((s) => s.results);
  const count = tests.tally(all);
  const summary = `${count.passed} passed, ${count.failed} failed${count.errored ? `, ${count.errored} could not run` : ''}${count.skipped ? `, ${count.skipped} skipped` : ''}${spent ? ` (${spent} points spent through Poe)` : ''}`;
  if (o.junit) writeFileAtomic(path.resolve(o.junit), tests.junitXml(suites));
  const code = suites.some((s) => s.error) || count.errored ? 1 : count.failed ? EXIT_CASE_FAILED : 0;
  if (o.format === 'markdown' && !out.json) out.line(tests.markdownReport(suites));
  else if (lines) {
    out.line();
    out.line(summary);
  }
  out.result({
    files: suites.map((s) => ({ file: s.name, bot: s.bot, route: s.route, error: s.error, cases: s.results })),
    ...count,
    pointsSpent: spent,
    exitCode: code,
  });
  return code;
}

function caseLine(r: CaseResult, icon: Record<CaseResult['status'], string>, out: Out): string {
  const head = `  ${icon[r.status]} ${r.name}${r.status === 'passed' || r.status === 'failed' ? out.color.dim(` ${r.durationMs} ms`) : ''}`;
  const why = [
    ...r.outcomes.filter((x) => !x.pass).map((x) => `${x.assertion}: expected ${x.expected}, got ${x.got}`),
    ...(r.message ? [r.message] : []),
  ];
  return [head, ...why.map((w) => `      ${w}`)].join('\n');
}
