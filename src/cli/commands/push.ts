// poe-bots push [dirs...] [--yes]: the folder push the editor runs, from a terminal or CI. The plan, with every key
// line, is printed first; without --yes it asks once on a terminal, and refuses without one. No write is ever
// doubled, each bot is read back after its write, and Ctrl-C stops before the next write and says what was written.

import readline from 'node:readline/promises';
import { keyLines, pushFiles, type Confirmation } from '../../sync';
import { CliError, selectBotFiles } from '../env';
import type { Out } from '../output';
import { problemLines, syncEnv, type SyncFlags } from './plan';

export const EXIT_INTERRUPTED = 130;

export async function push(dirs: string[], flags: SyncFlags & { yes: boolean; interactive: boolean }, version: string, out: Out): Promise<number> {
  if (!flags.yes && !flags.interactive) throw new CliError('Not a terminal, so there is no one to ask: pass --yes to push without a question (CI), after `poe-bots plan` shows what will change.');
  const files = await selectBotFiles(dirs, flags.only);
  // The plan is shown whatever the answer will be: on stdout for people, on stderr beside the JSON on stdout.
  const show = (text: string) => (out.json ? out.note(text) : out.line(text));
  const env = syncEnv(version, out, flags, async (c: Confirmation) => {
    show(out.color.bold(c.title));
    for (const l of c.detail.split('\n')) show(`  ${l}`);
    if (flags.yes) return 'push';
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    try { return /^y(es)?$/i.test((await rl.question('Push? [y/N] ')).trim()) ? 'push' : 'cancel'; } finally { rl.close(); }
  });
  const report = await pushFiles(env, files, { verb: 'auto', sendKey: flags.sendKey });
  const rows = report.results.map((r) => ({
    file: r.file.label, handle: r.handle, outcome: r.outcome, changes: r.plan?.changed ?? [], notTaken: r.notTaken ?? [], message: r.message,
    keyLines: r.plan && r.outcome !== 'upToDate' ? keyLines(r.plan) : [], problems: problemLines(r),
  }));
  rows.sort((a, b) => a.file.localeCompare(b.file));
  out.line();
  out.table([['FILE', 'BOT', 'RESULT'], ...rows.map((r) => [r.file, r.handle ?? '', word(r, out)])]);
  for (const r of rows.filter((x) => x.outcome === 'refused' && (x.problems || x.message?.includes('\n')))) {
    out.line();
    out.line(out.color.bold(`${r.handle ?? r.file}: refused`));
    for (const l of r.problems ?? r.message!.split('\n').slice(1)) out.line(`  ${l}`);
  }
  const count = (...k: string[]) => rows.filter((r) => k.includes(r.outcome)).length;
  const disagree = rows.filter((r) => r.notTaken.length).length;
  out.line();
  out.line(`${count('pushed')} pushed${count('unverified') ? `, ${count('unverified')} written but not verified` : ''}, ${count('upToDate')} up to date, ${count('failed')} failed, ${count('refused', 'cancelled', 'skipped')} not sent${disagree ? `, ${disagree} read back differently` : ''}.`);
  const interrupted = flags.signal?.aborted === true;
  if (interrupted) out.note(`Interrupted: ${count('pushed', 'unverified')} written before Ctrl-C (listed above); nothing else was sent.`);
  out.result({ results: rows, cancelled: report.cancelled, interrupted });
  if (interrupted) return EXIT_INTERRUPTED;
  return count('failed', 'refused', 'cancelled', 'skipped', 'unverified') || disagree ? 1 : 0;
}

function word(r: { outcome: string; changes: string[]; notTaken: string[]; message?: string }, out: Out): string {
  if (r.outcome === 'pushed' && r.notTaken.length) return out.color.red(`pushed, but Poe does not show: ${r.notTaken.join(', ')}`);
  if (r.outcome === 'pushed') return out.color.green(`pushed${r.changes.length ? `: ${r.changes.join(', ')}` : ''}`);
  if (r.outcome === 'upToDate') return out.color.dim('up to date');
  if (r.outcome === 'unverified') return out.color.yellow(`written, not verified: ${r.message?.split('\n')[0] ?? ''}`);
  return out.color.red(`${r.outcome}: ${r.message?.split('\n')[0] ?? ''}`);
}
