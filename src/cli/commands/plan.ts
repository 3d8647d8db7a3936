// poe-bots plan [dirs...]: what a push would do to each bot, in the words of the editor's confirmation, with every
// key line (which reference, which host). Nothing is sent but one GET per bot.

import { FileProblemsError, keyLines, planFiles, planLines, verbTitle, type FileResult, type Planned, type SyncEnv } from '../../sync';
import { account, client, readFile, selectBotFiles } from '../env';
import { keyGate, keySources, type KeyPolicy } from '../keys';
import type { Out } from '../output';

export const EXIT_CHANGES = 2;

export interface SyncFlags { sendKey: boolean; only: string[]; policy: KeyPolicy; signal?: AbortSignal }

export function syncEnv(version: string, out: Out, flags: SyncFlags, confirm: SyncEnv['questions']['confirm']): SyncEnv {
  const c = client(version);
  return {
    client: c, read: readFile, keys: keySources(flags.policy), keyGate: keyGate(flags.policy, process.env.POE_API_KEY?.trim()),
    questions: { confirm, progress: (p) => out.progress(`${p.phase} ${p.done}/${p.total} ${p.handle ?? ''}`, p.phase === 'writing') },
    account: account(), confirmUpdates: true, log: { info: () => undefined, warn: (m) => out.note(m) }, signal: flags.signal,
  };
}

export interface PlanRow {
  file: string; handle?: string; action: 'create' | 'update' | 'replace' | 'upToDate' | 'refused' | 'failed';
  changes: string[]; lines: string[]; keyLines: string[]; reason?: string; problems?: string[];
}

/** A file's problems as file:line:col lines, for a refused row. */
export function problemLines(r: FileResult): string[] | undefined {
  if (!(r.error instanceof FileProblemsError)) return undefined;
  const { text, problems } = r.error;
  return problems.map((p) => {
    const before = text.slice(0, Math.max(0, p.offset));
    return `${r.file.label}:${before.split('\n').length}:${p.offset - before.lastIndexOf('\n')} ${p.severity} ${p.message}`;
  });
}

export function planRows(work: Planned[], settled: FileResult[]): PlanRow[] {
  const rows: PlanRow[] = [
    ...work.map((p): PlanRow => ({ file: p.prepared.file.label, handle: p.plan.handle, action: p.plan.verb, changes: p.plan.changed, lines: planLines(p.plan), keyLines: keyLines(p.plan) })),
    ...settled.map((r): PlanRow => ({
      file: r.file.label, handle: r.handle, action: r.outcome === 'upToDate' ? 'upToDate' : r.outcome === 'failed' ? 'failed' : 'refused',
      changes: [], lines: [], keyLines: r.plan && r.outcome !== 'upToDate' ? keyLines(r.plan) : [], reason: r.message, problems: problemLines(r),
    })),
  ];
  return rows.sort((a, b) => a.file.localeCompare(b.file));
}

export async function plan(dirs: string[], flags: SyncFlags, version: string, out: Out): Promise<number> {
  const files = await selectBotFiles(dirs, flags.only);
  const env = syncEnv(version, out, flags, async () => 'cancel');
  const { work, results } = await planFiles(env, files, { verb: 'auto', sendKey: flags.sendKey });
  const rows = planRows(work, results);
  out.table([['FILE', 'BOT', 'WOULD'], ...rows.map((r) => [r.file, r.handle ?? '', describe(r, out)])]);
  printDetails(rows, out);
  const changes = rows.filter((r) => r.action === 'create' || r.action === 'update' || r.action === 'replace').length;
  const broken = rows.filter((r) => r.action === 'refused' || r.action === 'failed').length;
  out.line();
  out.line(`${changes} to push, ${rows.filter((r) => r.action === 'upToDate').length} up to date, ${broken} cannot be pushed.`);
  out.result({ account: env.account, bots: rows });
  return broken ? 1 : changes ? EXIT_CHANGES : 0;
}

/** Under the table: each planned bot's lines (key lines included), and each refused bot's reason and problems. */
export function printDetails(rows: PlanRow[], out: Out): void {
  for (const r of rows) {
    if (r.lines.length) {
      out.line();
      out.line(out.color.bold(`${verbTitle(r.action as 'create')} ${r.handle}`));
      for (const l of r.lines) out.line(`  ${l}`);
    } else if ((r.action === 'refused' || r.action === 'failed') && (r.problems || r.reason?.includes('\n') || r.keyLines.length)) {
      // The table showed the reason's first line; what it could not show comes here.
      out.line();
      out.line(out.color.bold(`${r.handle ?? r.file}: ${r.action === 'refused' ? 'refused' : 'failed'}`));
      for (const l of r.problems ?? (r.reason ?? '').split('\n').slice(1)) out.line(`  ${l}`);
      for (const l of r.keyLines) out.line(`  ${l}`);
    }
  }
}

function describe(r: PlanRow, out: Out): string {
  if (r.action === 'upToDate') return out.color.dim('up to date');
  if (r.action === 'refused' || r.action === 'failed') return out.color.red(`${r.action === 'refused' ? 'refused' : 'failed'}: ${r.reason?.split('\n')[0] ?? ''}`);
  return out.color.green(`${r.action}${r.changes.length ? `: ${r.changes.join(', ')}` : ''}`);
}
