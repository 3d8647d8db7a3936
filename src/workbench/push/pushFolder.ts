// Push every bot file in a folder: plan them all first, ask once, then write a few at a time under the shared rate
// limiter, and sum up what happened to each.

import * as vscode from 'vscode';
import type { Plan } from '../../botfile/plan';
import type { Services } from '../services';
import { orCancel, ui } from '../ui';
import { verbTitle } from './describe';
import { account, applyPlan, fetchRemote, planFor } from './pushFile';
import { prepareFile, requireTrust, type PreparedFile } from './prepare';
import { UserError } from '../errors';

export interface FolderResult { handle: string; outcome: 'pushed' | 'upToDate' | 'failed' | 'refused'; detail?: string }

async function eachLimited<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) { const i = next++; out[i] = await run(items[i]!); }
  }));
  return out;
}

export async function pushFolder(s: Services, folder: vscode.Uri | undefined): Promise<FolderResult[]> {
  requireTrust();
  const base = folder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!base) throw new UserError(vscode.l10n.t('Open a folder first.'));
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(base, '**/*.poebot.json'), '**/node_modules/**');
  if (!uris.length) throw new UserError(vscode.l10n.t('There are no *.poebot.json files in {0}.', vscode.workspace.asRelativePath(base)));
  uris.sort((a, b) => a.path.localeCompare(b.path));

  const planned = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Planning {0} bot files…', uris.length), cancellable: true },
    (_p, token) => eachLimited(uris, 4, async (uri): Promise<{ file?: PreparedFile; plan?: Plan; result?: FolderResult }> => {
      if (token.isCancellationRequested) return { result: { handle: vscode.workspace.asRelativePath(uri), outcome: 'refused', detail: 'cancelled' } };
      try {
        const file = await prepareFile(s, uri, { askForMissingSecret: false });
        const plan = await planFor(s, file, await fetchRemote(s, file.handle), { verb: 'auto' });
        if (plan.refusal) return { result: { handle: file.handle, outcome: 'refused', detail: plan.refusal } };
        if (plan.noop) return { result: { handle: file.handle, outcome: 'upToDate' } };
        return { file, plan };
      } catch (e) {
        return { result: { handle: vscode.workspace.asRelativePath(uri), outcome: 'refused', detail: (e as Error).message } };
      }
    }));

  const work = planned.filter((p) => p.plan && p.file) as { file: PreparedFile; plan: Plan }[];
  const settled = planned.flatMap((p) => (p.result ? [p.result] : []));
  if (work.length) {
    const lines = work.map(({ plan }) => `${verbTitle(plan.verb)} ${plan.handle}: ${plan.changed.join(', ') || '—'}${plan.sendsKey ? ' (+key)' : ''}`);
    const skipped = settled.map((r) => `${r.outcome === 'upToDate' ? '✓' : '✗'} ${r.handle}${r.detail ? `: ${r.detail}` : ''}`);
    const push = vscode.l10n.t('Push {0} Bots', work.length);
    orCancel(await ui.confirm(vscode.l10n.t('Push {0} bot(s) to {1}?', work.length, account(s)), [...lines, ...(skipped.length ? ['', ...skipped] : [])].join('\n'), push));
  }
  const written = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Pushing {0} bots', work.length) },
    (progress) => eachLimited(work, 4, async ({ file, plan }): Promise<FolderResult> => {
      try {
        const { missing } = await applyPlan(s, file, plan);
        progress.report({ increment: 100 / work.length, message: file.handle });
        return { handle: file.handle, outcome: 'pushed', detail: missing.length ? `not shown by Poe: ${missing.join(', ')}` : undefined };
      } catch (e) {
        s.log.error(`${plan.method} ${file.handle}: ${(e as Error).message}`);
        return { handle: file.handle, outcome: 'failed', detail: (e as Error).message };
      }
    }));
  const results = [...written, ...settled];
  s.tree.refresh();
  const count = (o: FolderResult['outcome']) => results.filter((r) => r.outcome === o).length;
  const summary = vscode.l10n.t('Folder push: {0} pushed, {1} already up to date, {2} failed, {3} not sent.', count('pushed'), count('upToDate'), count('failed'), count('refused'));
  s.log.info(`${summary}\n${results.map((r) => `  ${r.outcome} ${r.handle}${r.detail ? `: ${r.detail}` : ''}`).join('\n')}`);
  const show = vscode.l10n.t('Show Log');
  const notify = count('failed') || count('refused') ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void notify(summary, show).then((p) => (p ? s.log.show() : undefined));
  return results;
}
