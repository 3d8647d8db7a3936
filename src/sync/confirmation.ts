// The one question a push asks: every bot's plan in the words of describe.ts, the conflicts, the account it goes to,
// and what is not sent. One bot gets its full lines; many get a line each.

import { conflictLine, planLines, summaryLine, verbTitle } from './describe';
import { english, type Confirmation, type FileResult, type Planned, type SyncEnv } from './types';

export function confirmation(
  env: SyncEnv,
  work: Planned[],
  conflicts: Planned[],
  settled: FileResult[],
  otherAccount: string[],
): Confirmation {
  const t = env.t ?? english;
  if (work.length === 1 && !settled.length) {
    const p = work[0]!;
    return {
      title: t('{0} "{1}" on {2}?', verbTitle(p.plan.verb, t), p.plan.handle, env.account),
      detail: [...otherAccount, ...(p.conflict ? [conflictLine(p, t)] : []), ...planLines(p.plan, t)].join('\n'),
      planned: work,
      conflicts,
      push: t('Push'),
    };
  }
  const lines = work.map((p) => summaryLine(p, t));
  const notSent = settled.map(
    (r) =>
      `${r.outcome === 'upToDate' ? '✓' : '✗'} ${r.handle ?? r.file.label}${r.outcome === 'upToDate' ? ` ${t('(up to date)')}` : `: ${r.message ?? r.outcome}`}`,
  );
  return {
    title: t('Push {0} bot(s) to {1}?', work.length, env.account),
    detail: [
      ...(otherAccount.length ? [...otherAccount, ''] : []),
      ...(conflicts.length
        ? [
            t(
              'Changed on Poe since you last pulled or pushed them: {0}',
              conflicts.map((p) => p.plan.handle).join(', '),
            ),
            '',
          ]
        : []),
      ...lines,
      ...(notSent.length ? ['', ...notSent] : []),
    ].join('\n'),
    planned: work,
    conflicts,
    push: t('Push {0} Bots', work.length),
  };
}
