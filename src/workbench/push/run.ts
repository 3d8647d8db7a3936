// Push from the editor: one bot file or a folder of them, through the one push flow (src/sync). Around it: trust,
// a cancellable progress notification, Poe's refusals on the fields they name, the tree refreshed, and a result the
// creator can read.

import * as vscode from 'vscode';
import { parseBotFile, rangeOf } from '../../botfile/parse';
import { pushFiles, type FileResult, type PushOptions, type PushReport } from '../../sync';
import { Cancelled } from '../ui';
import { UserError } from '../errors';
import { requireTrust } from '../trust';
import type { Services } from '../services';
import { Command } from '../commandIds';
import { fileRef, fileUri } from '../flowEnv';
import { syncEnv } from './env';

export async function runPush(s: Services, uris: vscode.Uri[], o: PushOptions, title: string): Promise<PushReport> {
  requireTrust();
  for (const uri of uris) s.pushDiagnostics.clear(uri);
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const ac = new AbortController();
      const cancel = token.onCancellationRequested(() => ac.abort());
      try {
        return await pushFiles(
          await syncEnv(s, ac.signal, (p) =>
            progress.report({
              message:
                p.phase === 'planning'
                  ? vscode.l10n.t('reading {0} of {1} on Poe…', p.done, p.total)
                  : vscode.l10n.t('pushed {0} of {1}', p.done, p.total),
            }),
          ),
          uris.map(fileRef),
          o,
        );
      } finally {
        cancel.dispose();
      }
    },
  );
  for (const r of report.results) {
    if (r.handle) s.remote.invalidate(r.handle);
    if (r.problem) await markProblem(s, r);
  }
  if (report.results.some((r) => r.outcome === 'pushed' || r.outcome === 'unverified')) s.tree.refresh();
  return report;
}

/** Poe's refusal on the field it names, or on the file as a whole (it never names a key: errors are redacted when made). */
async function markProblem(s: Services, r: FileResult): Promise<void> {
  const uri = fileUri(r.file);
  const doc = await vscode.workspace.openTextDocument(uri);
  const at = rangeOf(parseBotFile(doc.getText()).tree, r.problem!.path);
  const range = r.problem!.path.length
    ? new vscode.Range(doc.positionAt(at.offset), doc.positionAt(at.offset + at.length))
    : doc.lineAt(0).range;
  s.pushDiagnostics.set(uri, range, vscode.l10n.t('Poe refused the push: {0}', r.problem!.message));
}

/** A single push's result as the creator hears it; a refusal or failure is thrown for the command's error wrapper. */
export function reportOne(s: Services, r: FileResult): void {
  if (r.outcome === 'cancelled' || r.outcome === 'skipped') throw new Cancelled();
  if (r.outcome === 'refused' || r.outcome === 'failed') throw r.error ?? new UserError(r.message ?? r.outcome);
  if (r.outcome === 'unverified') {
    void vscode.window.showWarningMessage(vscode.l10n.t('"{0}": {1}', r.handle ?? r.file.label, r.message ?? ''));
    return;
  }
  const plan = r.plan!;
  const open = vscode.l10n.t('Open on Poe');
  const then = (p: string | undefined) =>
    p ? vscode.commands.executeCommand(Command.openOnPoe, plan.handle) : undefined;
  if (r.outcome === 'upToDate') {
    void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" is already up to date on Poe.', plan.handle));
    return;
  }
  const done =
    plan.verb === 'create'
      ? vscode.l10n.t('Created "{0}" on Poe.', plan.handle)
      : plan.verb === 'update'
        ? vscode.l10n.t('Updated "{0}" on Poe: {1}.', plan.handle, plan.changed.join(', '))
        : vscode.l10n.t('Replaced "{0}" on Poe.', plan.handle);
  if (r.notTaken?.length) {
    s.log.warn(`After ${plan.method} ${plan.handle}, Poe does not show: ${r.notTaken.join(', ')}`);
    void vscode.window
      .showWarningMessage(
        `${done} ${vscode.l10n.t('But reading it back, Poe does not show these as sent: {0}.', r.notTaken.join(', '))}`,
        open,
      )
      .then(then);
    return;
  }
  void vscode.window.showInformationMessage(done, open).then(then);
}

/** A folder push's result: one line in a notification, every bot's outcome in the log. */
export function reportMany(s: Services, report: PushReport): void {
  const count = (...o: FileResult['outcome'][]) => report.results.filter((r) => o.includes(r.outcome)).length;
  const summary = report.cancelled
    ? vscode.l10n.t(
        'Folder push cancelled: {0} pushed before the cancel, {1} not sent, {2} failed.',
        count('pushed'),
        count('cancelled', 'skipped', 'refused'),
        count('failed'),
      )
    : vscode.l10n.t(
        'Folder push: {0} pushed, {1} already up to date, {2} failed, {3} not sent.',
        count('pushed', 'unverified'),
        count('upToDate'),
        count('failed'),
        count('refused', 'skipped', 'cancelled'),
      );
  s.log.info(
    `${summary}\n${report.results.map((r) => `  ${r.outcome} ${r.handle ?? r.file.label}${r.message ? `: ${r.message}` : ''}${r.notTaken?.length ? ` (not shown by Poe: ${r.notTaken.join(', ')})` : ''}`).join('\n')}`,
  );
  const show = vscode.l10n.t('Show Log');
  const notify =
    count('failed', 'refused', 'unverified') || report.cancelled
      ? vscode.window.showWarningMessage
      : vscode.window.showInformationMessage;
  void notify(summary, show).then((p) => (p ? s.log.show() : undefined));
}
