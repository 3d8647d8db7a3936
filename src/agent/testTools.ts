// The bot tests as a tool: a *.poebot-test.json run by the same runner as the Testing view and `poe-bots test`,
// straight to the bot's endpoint (its key through the key gate). Tests through Poe spend points, so this tool leaves
// them to the creator (the Testing view, or `poe-bots test --max-points N`).

import path from 'node:path';
import { TEST_FILE_SUFFIX } from '../tests/kinds';
import { loadTests } from '../tests/load';
import { schema } from './input';
import { short, tool } from './tool';

export const runBotTests = tool({
  title: "Run a bot's tests",
  description:
    "Runs the cases of a *.poebot-test.json file against its bot's endpoint, as Poe would call it, and reports each case as " +
    'passed or failed with what was expected and what came back. Use it after changing a bot file or its endpoint, to see whether the ' +
    'bot still works. Tests that go through Poe spend points and are not run here. Not for one-off questions to a bot (poe_check_endpoint).',
  input: schema(
    {
      file: {
        type: 'string',
        description: `A ${TEST_FILE_SUFFIX} file, relative to the workspace folder.`,
        minLength: 1,
      },
    },
    ['file'],
  ),
  readOnly: true,
  async run(env, { file }, signal) {
    const ref = env.file(file, TEST_FILE_SUFFIX);
    const text = await env.read(ref);
    if (text === undefined) return { text: `${ref.label} could not be read.`, data: { file: ref.label }, error: true };
    const dir = path.posix.dirname(ref.label);
    const loaded = await loadTests(
      text,
      (bot) => path.posix.join(dir, bot),
      async (bot) => env.read(env.file(bot)),
    );
    if (loaded.problem)
      return {
        text: `${ref.label}: ${loaded.problem}`,
        data: { file: ref.label, problem: loaded.problem },
        error: true,
      };
    if (loaded.view.route === 'poe' || !loaded.bot) {
      return {
        text: `${ref.label} runs through Poe, which spends points: run it from the Testing view, or with poe-bots test --max-points N.`,
        data: { file: ref.label, route: loaded.view.route },
        error: true,
      };
    }
    // dist/tests.js, read only when a test runs (the editor's tools and `poe-bots mcp` start without it).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tests = require('../tests') as typeof import('../tests');
    const sender = tests.directSender({
      bot: loaded.bot,
      botLabel: loaded.botPath ?? loaded.view.bot ?? ref.label,
      gate: env.keyGate,
      sources: env.keys,
      t: env.t,
    });
    const run = await tests.runCases(loaded.planned, sender, { signal });
    const count = tests.tally(run.results);
    const mark = { passed: '✓', failed: '✗', errored: '!', skipped: '–' } as const;
    const lines = run.results.map((r) =>
      [
        `${mark[r.status]} ${r.name}`,
        ...r.outcomes.filter((o) => !o.pass).map((o) => `    ${o.assertion}: expected ${o.expected}, got ${o.got}`),
        ...(r.message ? [`    ${r.message}`] : []),
      ].join('\n'),
    );
    const summary = `${ref.label}: ${count.passed} passed, ${count.failed} failed${count.errored ? `, ${count.errored} could not run` : ''}${count.skipped ? `, ${count.skipped} skipped` : ''}.`;
    return {
      text: short([summary, ...(run.error ? [`Stopped: ${run.error}`] : []), ...lines].join('\n')),
      data: {
        file: ref.label,
        counts: count,
        stopped: run.error ?? null,
        cases: run.results.map((r) => ({
          name: r.name,
          status: r.status,
          failures: r.outcomes.filter((o) => !o.pass),
          message: r.message ?? null,
        })),
      },
      error: count.failed || count.errored || run.error ? true : undefined,
    };
  },
});
