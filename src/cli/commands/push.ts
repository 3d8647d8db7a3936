// poe-bots push [dirs...] [--yes]: the folder push the editor runs, from a terminal or CI. The plan, with every key
// line, is printed first; without --yes it asks once on a terminal, and refuses without one. A bot changed on Poe
// since the lock file is not overwritten under --yes without --overwrite-changed. No write is ever doubled, each bot
// is read again right before its write and the whole verified with one list, the lock file records what was pushed,
// and Ctrl-C stops before the next write and says what was written. --prune deletes the bots whose file is gone.

import { driftLines, keyLines, pushFiles, type Answer, type Confirmation, type Planned } from '../../sync';
import { client, CliError, selectBotFiles } from '../env';
import { openLock } from '../lock';
import { findOrphans } from '../orphans';
import type { Out } from '../output';
import { problemLines } from '../planRows';
import { prune, type PruneResult } from '../prune';
import { printOrphans, syncEnv, type SyncFlags } from './plan';
import { askYesNo } from '../ask';

export const EXIT_INTERRUPTED = 130;

export interface PushFlags extends SyncFlags {
  yes: boolean;
  interactive: boolean;
  overwriteChanged: boolean;
  prune: boolean;
}

export async function push(dirs: string[], flags: PushFlags, version: string, out: Out): Promise<number> {
  if (!flags.yes && !flags.interactive)
    throw new CliError(
      'Not a terminal, so there is no one to ask: pass --yes to push without a question (CI), after `poe-bots plan` shows what will change.',
    );
  const files = await selectBotFiles(dirs, flags.only);
  const lock = await openLock(dirs, { readOnly: false, accountChange: flags.accountChange });
  const orphans = flags.prune ? await findOrphans(dirs, lock, files) : [];
  // The plan is shown whatever the answer will be: on stdout for people, on stderr beside the JSON on stdout.
  const show = (text: string) => (out.json ? out.note(text) : out.line(text));
  const ask = () => askYesNo('Push? [y/N] ');
  let answered: Answer | undefined;
  let drifted: Planned[] = [];
  const env = syncEnv(
    version,
    out,
    flags,
    async (c: Confirmation) => {
      show(out.color.bold(c.title));
      for (const l of c.detail.split('\n')) show(`  ${l}`);
      printOrphans(orphans, { ...out, line: show }, true);
      drifted = c.conflicts;
      // --yes confirms the plan, not overwriting what someone changed on Poe: that takes its own flag.
      if (flags.yes) answered = c.conflicts.length && !flags.overwriteChanged ? 'skipConflicts' : 'push';
      else answered = (await ask()) ? 'push' : 'cancel';
      return answered;
    },
    lock,
  );
  const report = await pushFiles(env, files, { verb: 'auto', sendKey: flags.sendKey });
  const rows = report.results.map((r) => {
    const d = r.outcome === 'skipped' ? drifted.find((p) => p.prepared.file.id === r.file.id) : undefined;
    return {
      file: r.file.label,
      handle: r.handle,
      outcome: r.outcome,
      changes: r.plan?.changed ?? [],
      notTaken: r.notTaken ?? [],
      message: d ? changedOnPoe(d, lock.label) : r.message,
      keyLines: r.plan && r.outcome !== 'upToDate' ? keyLines(r.plan) : [],
      problems: problemLines(r),
      ...(d?.drift ? { changedOnPoe: d.drift.fields.map((f) => f.path) } : {}),
    };
  });
  rows.sort((a, b) => a.file.localeCompare(b.file));

  let pruned: PruneResult[] = [];
  if (orphans.length && !report.cancelled && !flags.signal?.aborted) {
    if (answered === undefined) {
      printOrphans(orphans, { ...out, line: show }, true);
      answered = flags.yes || (await ask()) ? 'push' : 'cancel';
    }
    if (answered !== 'cancel') pruned = await prune(dirs, orphans, client(version), lock);
  }

  out.line();
  out.table([
    ['FILE', 'BOT', 'RESULT'],
    ...rows.map((r) => [r.file, r.handle ?? '', word(r, out)]),
    ...pruned.map((p) => [p.file, p.handle, pruneWord(p, out)]),
  ]);
  for (const r of rows.filter(
    (x) =>
      (x.outcome === 'refused' && (x.problems || x.message?.includes('\n'))) ||
      (x.outcome === 'skipped' && x.message?.includes('\n')),
  )) {
    out.line();
    out.line(
      out.color.bold(`${r.handle ?? r.file}: ${r.outcome === 'skipped' ? 'not pushed, changed on Poe' : 'refused'}`),
    );
    for (const l of r.problems ?? r.message!.split('\n').slice(1)) out.line(`  ${l}`);
  }
  const count = (...k: string[]) => rows.filter((r) => k.includes(r.outcome)).length;
  const disagree = rows.filter((r) => r.notTaken.length).length;
  const deleted = pruned.filter((p) => p.outcome !== 'failed').length;
  out.line();
  out.line(
    `${count('pushed')} pushed${count('unverified') ? `, ${count('unverified')} written but not verified` : ''}, ${count('upToDate')} up to date, ${count('failed')} failed, ${count('refused', 'cancelled', 'skipped')} not sent${disagree ? `, ${disagree} read back differently` : ''}${pruned.length ? `, ${deleted} deleted (backups in .poe-bots/deleted/)` : ''}.`,
  );
  const interrupted = flags.signal?.aborted === true;
  if (interrupted)
    out.note(
      `Interrupted: ${count('pushed', 'unverified')} written before Ctrl-C (listed above); nothing else was sent.`,
    );
  out.result({ results: rows, pruned, cancelled: report.cancelled, interrupted });
  if (interrupted) return EXIT_INTERRUPTED;
  return count('failed', 'refused', 'cancelled', 'skipped', 'unverified') ||
    disagree ||
    pruned.some((p) => p.outcome === 'failed')
    ? 1
    : 0;
}

/** Why a bot changed on Poe was not pushed: the fields with their values, and the flag that overwrites them. */
function changedOnPoe(p: Planned, lockLabel: string): string {
  const d = p.drift;
  const what =
    d?.kind === 'deleted'
      ? 'deleted on Poe'
      : `changed on Poe${d?.fields.length ? ` (${d.fields.map((f) => f.path).join(', ')})` : ''}`;
  return [
    `${what} since ${lockLabel}: not overwritten under --yes; pass --overwrite-changed to push it anyway, or pull it first.`,
    ...(d ? driftLines(d) : []),
  ].join('\n');
}

function word(r: { outcome: string; changes: string[]; notTaken: string[]; message?: string }, out: Out): string {
  if (r.outcome === 'pushed' && r.notTaken.length)
    return out.color.red(`pushed, but Poe does not show: ${r.notTaken.join(', ')}`);
  if (r.outcome === 'pushed') return out.color.green(`pushed${r.changes.length ? `: ${r.changes.join(', ')}` : ''}`);
  if (r.outcome === 'upToDate') return out.color.dim('up to date');
  if (r.outcome === 'unverified') return out.color.yellow(`written, not verified: ${r.message?.split('\n')[0] ?? ''}`);
  if (r.outcome === 'skipped') return out.color.red(`not pushed: ${r.message?.split('\n')[0] ?? ''}`);
  return out.color.red(`${r.outcome}: ${r.message?.split('\n')[0] ?? ''}`);
}

function pruneWord(p: PruneResult, out: Out): string {
  if (p.outcome === 'deleted') return out.color.yellow(`deleted (its file is gone; backup: ${p.backup})`);
  if (p.outcome === 'alreadyGone') return out.color.dim('already gone from Poe (removed from the lock file)');
  return out.color.red(`not deleted: ${p.message?.split('\n')[0] ?? ''}`);
}
