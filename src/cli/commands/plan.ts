// poe-bots plan [dir]: what a push would do to each bot, in the words of the editor's confirmation. Nothing is sent
// but one GET per bot.

import { planFiles, planLines, verbTitle, type FileResult, type Planned, type SyncEnv } from '../../sync';
import { account, client, findBotFiles, keySources, onlyHandles, readFile } from '../env';
import type { Out } from '../output';

export const EXIT_CHANGES = 2;

export function syncEnv(version: string, out: Out, confirm: SyncEnv['questions']['confirm']): SyncEnv {
  return {
    client: client(version), read: readFile, keys: keySources(), questions: { confirm, progress: (p) => out.progress(`${p.phase} ${p.done}/${p.total} ${p.handle ?? ''}`) },
    account: account(), confirmUpdates: true, log: { info: () => undefined, warn: (m) => out.note(m) },
  };
}

export interface PlanRow { file: string; handle?: string; action: 'create' | 'update' | 'replace' | 'upToDate' | 'refused' | 'failed'; changes: string[]; lines: string[]; reason?: string }

export function planRows(work: Planned[], settled: FileResult[]): PlanRow[] {
  const rows: PlanRow[] = [
    ...work.map((p): PlanRow => ({ file: p.prepared.file.label, handle: p.plan.handle, action: p.plan.verb, changes: p.plan.changed, lines: planLines(p.plan) })),
    ...settled.map((r): PlanRow => ({ file: r.file.label, handle: r.handle, action: r.outcome === 'upToDate' ? 'upToDate' : r.outcome === 'failed' ? 'failed' : 'refused', changes: [], lines: [], reason: r.message })),
  ];
  return rows.sort((a, b) => a.file.localeCompare(b.file));
}

export async function plan(dir: string | undefined, o: { sendKey: boolean; only: string[] }, version: string, out: Out): Promise<number> {
  let files = findBotFiles([dir ?? '.']);
  if (o.only.length) files = await onlyHandles(files, o.only);
  const env = syncEnv(version, out, async () => 'cancel');
  const { work, results } = await planFiles(env, files, { verb: 'auto', sendKey: o.sendKey });
  const rows = planRows(work, results);
  out.table([['FILE', 'BOT', 'WOULD'], ...rows.map((r) => [r.file, r.handle ?? '', describe(r, out)])]);
  for (const r of rows.filter((x) => x.lines.length)) { out.line(); out.line(out.color.bold(`${verbTitle(r.action as 'create')} ${r.handle}`)); for (const l of r.lines) out.line(`  ${l}`); }
  const changes = rows.filter((r) => r.action === 'create' || r.action === 'update' || r.action === 'replace').length;
  const broken = rows.filter((r) => r.action === 'refused' || r.action === 'failed').length;
  out.line();
  out.line(`${changes} to push, ${rows.filter((r) => r.action === 'upToDate').length} up to date, ${broken} cannot be pushed.`);
  out.result({ account: env.account, bots: rows });
  return broken ? 1 : changes ? EXIT_CHANGES : 0;
}

function describe(r: PlanRow, out: Out): string {
  if (r.action === 'upToDate') return out.color.dim('up to date');
  if (r.action === 'refused' || r.action === 'failed') return out.color.red(`${r.action === 'refused' ? 'refused' : 'failed'}: ${r.reason?.split('\n')[0] ?? ''}`);
  return out.color.green(`${r.action}${r.changes.length ? `: ${r.changes.join(', ')}` : ''}`);
}
