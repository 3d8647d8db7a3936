// poe-bots plan [dirs...]: what a push would do to each bot, in the words of the editor's confirmation, with each
// field's values, every key line (which reference, which host), what changed on Poe since the lock file, and the bots
// whose file is gone. Nothing is sent but one GET /bots (and a GET for a bot the list does not have).

import { accountLines, planFiles, verbTitle, type LockStore, type SyncEnv } from '../../sync';
import { account, accountName, client, readFile, selectBotFiles } from '../env';
import { keyGate, keySources, type KeyPolicy } from '../keys';
import { openLock } from '../lock';
import type { Out } from '../output';
import { planMarkdown } from '../planMarkdown';
import { detailLines, driftBlock, planRows, type Orphan, type PlanRow } from '../planRows';
import { findOrphans } from '../orphans';

export const EXIT_CHANGES = 2;

export interface SyncFlags {
  sendKey: boolean;
  only: string[];
  policy: KeyPolicy;
  signal?: AbortSignal;
  /** --account-change */ accountChange?: boolean;
}

export function syncEnv(
  version: string,
  out: Out,
  flags: SyncFlags,
  confirm: SyncEnv['questions']['confirm'],
  lock?: LockStore,
): SyncEnv {
  const c = client(version);
  // A host the committed lock file records for a reference counts as allowed: it was reviewed when it got there.
  const recorded = (use: { handle: string; reference: string; key?: string }) =>
    use.key === undefined ? [lock?.hostOf(use.handle) ?? ''].filter(Boolean) : (lock?.hostsFor(use.reference) ?? []);
  return {
    client: c,
    read: readFile,
    keys: keySources(flags.policy),
    keyGate: keyGate(flags.policy, process.env.POE_API_KEY?.trim(), undefined, recorded),
    baselines: lock,
    questions: {
      confirm,
      progress: (p) => out.progress(`${p.phase} ${p.done}/${p.total} ${p.handle ?? ''}`, p.phase === 'writing'),
    },
    account: account(),
    accountName: accountName(),
    confirmUpdates: true,
    log: { info: () => undefined, warn: (m) => out.note(m) },
    signal: flags.signal,
  };
}

export type PlanFormat = 'text' | 'markdown';

export async function plan(
  dirs: string[],
  flags: SyncFlags & { format: PlanFormat },
  version: string,
  out: Out,
): Promise<number> {
  const files = await selectBotFiles(dirs, flags.only);
  const lock = await openLock(dirs, { readOnly: true, accountChange: flags.accountChange });
  const env = syncEnv(version, out, flags, async () => 'cancel', lock);
  const { work, results, upToDate } = await planFiles(env, files, { verb: 'auto', sendKey: flags.sendKey });
  const rows = planRows(work, results, upToDate);
  const orphans = await findOrphans(dirs, lock, files);
  const changes = rows.filter((r) => r.action === 'create' || r.action === 'update' || r.action === 'replace').length;
  const broken = rows.filter((r) => r.action === 'refused' || r.action === 'failed').length;
  if (flags.format === 'markdown' && !out.json) {
    process.stdout.write(planMarkdown({ account: env.account, lock: lock.label, rows, orphans, prune: false }));
  } else {
    // Only with --account-change can the lock file's account differ from POE_ACCOUNT here: the plan says so first.
    for (const l of accountLines(env, work)) out.line(out.color.yellow(l));
    out.table([['FILE', 'BOT', 'WOULD'], ...rows.map((r) => [r.file, r.handle ?? '', describe(r, out)])]);
    printDetails(rows, out, lock.label);
    printOrphans(orphans, out, false);
    out.line();
    const drifted = rows.filter((r) => r.drift).length;
    out.line(
      `${changes} to push, ${rows.filter((r) => r.action === 'upToDate').length} up to date, ${broken} cannot be pushed${drifted ? `, ${drifted} changed on Poe since ${lock.label}` : ''}${orphans.length ? `, ${orphans.length} whose file is gone` : ''}.`,
    );
  }
  out.result({ account: env.account, lockFile: lock.label, bots: rows, orphans });
  return broken ? 1 : changes ? EXIT_CHANGES : 0;
}

/** Under the table: each planned bot's lines (values and key lines included), each refused bot's reason and problems,
 * and each up-to-date bot that changed on Poe or has fields the file does not. */
export function printDetails(rows: PlanRow[], out: Out, lockLabel: string): void {
  for (const r of rows) {
    if (r.lines.length) {
      out.line();
      out.line(
        out.color.bold(
          `${verbTitle(r.action as 'create')} ${r.handle}${r.drift ? out.color.yellow(' (changed on Poe)') : ''}`,
        ),
      );
      for (const l of detailLines(r, lockLabel)) out.line(`  ${l}`);
    } else if (
      (r.action === 'refused' || r.action === 'failed') &&
      (r.problems || r.reason?.includes('\n') || r.keyLines.length)
    ) {
      // The table showed the reason's first line; what it could not show comes here.
      out.line();
      out.line(out.color.bold(`${r.handle ?? r.file}: ${r.action === 'refused' ? 'refused' : 'failed'}`));
      for (const l of r.problems ?? (r.reason ?? '').split('\n').slice(1)) out.line(`  ${l}`);
      for (const l of r.keyLines) out.line(`  ${l}`);
    } else if (r.drift || r.onPoe.length) {
      out.line();
      out.line(out.color.bold(`${r.handle}: up to date`));
      for (const l of [
        ...(r.drift ? driftBlock(r, lockLabel) : []),
        ...(r.onPoe.length ? ['On Poe, not in the file:', ...r.onPoe.map((x) => `  ${x}`)] : []),
      ])
        out.line(`  ${l}`);
    }
  }
}

export function printOrphans(orphans: Orphan[], out: Out, pruning: boolean): void {
  if (!orphans.length) return;
  out.line();
  out.line(
    out.color.bold(
      `In the lock file, but their file is gone (${pruning ? 'deleted from Poe by this push, after a backup' : 'push --prune deletes them from Poe'}):`,
    ),
  );
  for (const o of orphans) out.line(`  ${o.handle} (${o.file})`);
}

function describe(r: PlanRow, out: Out): string {
  const drift = r.drift
    ? out.color.yellow(
        ` (changed on Poe: ${r.drift.kind === 'deleted' ? 'deleted' : r.drift.fields.join(', ') || 'yes'})`,
      )
    : '';
  if (r.action === 'upToDate') return out.color.dim('up to date') + drift;
  if (r.action === 'refused' || r.action === 'failed')
    return out.color.red(`${r.action === 'refused' ? 'refused' : 'failed'}: ${r.reason?.split('\n')[0] ?? ''}`);
  return out.color.green(`${r.action}${r.changes.length ? `: ${r.changes.join(', ')}` : ''}`) + drift;
}
