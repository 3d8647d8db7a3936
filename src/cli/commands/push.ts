// poe-bots push [dir] [--yes]: the folder push the editor runs, from a terminal or CI. Without --yes it asks once on
// a terminal, and refuses without one; no write is ever doubled, and each bot is read back after its write.

import readline from 'node:readline/promises';
import { pushFiles } from '../../sync';
import { CliError, findBotFiles, onlyHandles } from '../env';
import type { Out } from '../output';
import { syncEnv } from './plan';

export async function push(dir: string | undefined, o: { yes: boolean; sendKey: boolean; only: string[]; interactive: boolean }, version: string, out: Out): Promise<number> {
  if (!o.yes && !o.interactive) throw new CliError('Not a terminal, so there is no one to ask: pass --yes to push without a question (CI), after `poe-bots plan` shows what will change.');
  let files = findBotFiles([dir ?? '.']);
  const env = syncEnv(version, out, async (c) => {
    if (o.yes) return 'push';
    out.line(out.color.bold(c.title));
    out.line(c.detail);
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    try { return /^y(es)?$/i.test((await rl.question('Push? [y/N] ')).trim()) ? 'push' : 'cancel'; } finally { rl.close(); }
  });
  if (o.only.length) files = await onlyHandles(files, o.only);
  const report = await pushFiles(env, files, { verb: 'auto', sendKey: o.sendKey });
  const rows = report.results.map((r) => ({ file: r.file.label, handle: r.handle, outcome: r.outcome, changes: r.plan?.changed ?? [], notTaken: r.notTaken ?? [], message: r.message }));
  rows.sort((a, b) => a.file.localeCompare(b.file));
  out.table([['FILE', 'BOT', 'RESULT'], ...rows.map((r) => [r.file, r.handle ?? '', word(r, out)])]);
  const count = (...k: string[]) => rows.filter((r) => k.includes(r.outcome)).length;
  out.line();
  out.line(`${count('pushed')} pushed, ${count('upToDate')} up to date, ${count('failed')} failed, ${count('refused', 'cancelled', 'skipped')} not sent.`);
  out.result({ results: rows, cancelled: report.cancelled });
  return count('failed', 'refused', 'cancelled', 'skipped') ? 1 : 0;
}

function word(r: { outcome: string; changes: string[]; notTaken: string[]; message?: string }, out: Out): string {
  if (r.outcome === 'pushed') return out.color.green(`pushed${r.changes.length ? `: ${r.changes.join(', ')}` : ''}${r.notTaken.length ? ` (Poe does not show: ${r.notTaken.join(', ')})` : ''}`);
  if (r.outcome === 'upToDate') return out.color.dim('up to date');
  return out.color.red(`${r.outcome}: ${r.message?.split('\n')[0] ?? ''}`);
}
