// The results as Markdown, for a CI job summary ($GITHUB_STEP_SUMMARY) or a merge-request comment: a line per file,
// a table of its cases, and each failure's expected vs got. Text from a reply or a file is escaped, never markup.

import { describeOutcome } from './assertions';
import type { JunitSuite } from './junit';
import { tally } from './run';

const ICON = { passed: '✅', failed: '❌', errored: '⚠️', skipped: '⏭️' } as const;
/** Text shown as text in Markdown: every character that could start markup escaped, lines joined. */
const md = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');

export function markdownReport(suites: readonly JunitSuite[]): string {
  const all = tally(suites.flatMap((s) => s.results));
  const out = [
    `## Bot tests: ${all.passed} passed, ${all.failed} failed${all.errored ? `, ${all.errored} could not run` : ''}${all.skipped ? `, ${all.skipped} skipped` : ''}`,
    '',
  ];
  for (const s of suites) {
    out.push(`### ${md(s.name)}`, '');
    if (s.error) out.push(`**Stopped:** ${md(s.error)}`, '');
    if (!s.results.length) continue;
    out.push('| | Case | Time | Why |', '|---|---|---|---|');
    for (const r of s.results) {
      const why = r.outcomes.filter((o) => !o.pass).map(describeOutcome);
      if (r.message) why.push(r.message);
      out.push(
        `| ${ICON[r.status]} | ${md(r.name)} | ${r.status === 'skipped' || r.status === 'errored' ? '' : `${r.durationMs} ms`} | ${md(why.join('; '))} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}
