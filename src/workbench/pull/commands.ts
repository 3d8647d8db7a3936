// Pull: a bot into <handle>.poebot.json, or every bot into a folder (Pull All), through the one pull flow (src/sync):
// never a key value (a ${secret:…} reference only when such a secret is stored, or when the file already had one);
// an existing file is edited in place, only where Poe differs, keeping its comments, order and key reference. The
// creator sees what changes and agrees first. The file gate (src/sync/fileGate.ts) decides which files may be written.

import * as vscode from 'vscode';
import { planPull, writePull, type PlannedPull } from '../../sync';
import { UserError } from '../errors';
import { fileUri } from '../flowEnv';
import type { Services } from '../services';
import { orCancel, ui } from '../ui';
import { pickHandle } from '../tree/pickBot';
import { pullEnv } from './env';

export interface PullOptions {
  open?: boolean;
  overwrite?: 'ask' | 'always';
}

export async function pullBot(s: Services, arg?: unknown, opts: PullOptions = {}): Promise<vscode.Uri> {
  const handle = await pickHandle(s, arg, vscode.l10n.t('Pull which bot into a file?'));
  const existing = await s.files.fileFor(handle);
  const folder = existing ? vscode.Uri.joinPath(existing, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new UserError(vscode.l10n.t('Open a folder first: the bot file is written into the workspace.'));
  const env = pullEnv(s, folder, 'cancel');
  s.tree.setBusy(handle, true);
  let p: PlannedPull;
  try {
    [p] = (await planPull(env, [handle])) as [PlannedPull];
  } finally {
    s.tree.setBusy(handle, false);
  }
  if (p.change === 'refused' || !p.file)
    throw new UserError(p.reason ?? vscode.l10n.t('"{0}" was not pulled.', handle));
  const target = fileUri(p.file);
  // A file edited since it was last pulled or pushed is asked about even when the caller would not ask.
  if (p.change === 'changed' && (opts.overwrite !== 'always' || p.edited)) {
    const preview = s.remote.preview(handle, 'pull', p.text);
    await vscode.commands.executeCommand(
      'vscode.diff',
      target,
      preview,
      vscode.l10n.t('{0}: your file ↔ pulled from Poe', handle),
      { preview: true },
    );
    const overwrite = vscode.l10n.t('Overwrite');
    const detail = vscode.l10n.t(
      'The diff shows what changes: only values that differ from Poe are replaced; your comments and key reference stay.',
    );
    orCancel(
      await ui.confirm(
        vscode.l10n.t('Overwrite {0} with "{1}" from Poe?', p.file.label, handle),
        p.edited
          ? `${vscode.l10n.t('You edited this file since you last pulled or pushed it: where it differs from Poe, your edits are replaced.')}\n\n${detail}`
          : detail,
        overwrite,
      ),
    );
  }
  const [done] = (await writePull(env, [p], { overwriteEdited: true })) as [PlannedPull];
  if (done.change === 'refused') throw new UserError(done.reason!);
  s.log.info(`Pulled ${handle} into ${target.fsPath}.`);
  if (p.instead)
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} holds another bot, so "{1}" was pulled into {2}.', p.instead.file.label, handle, p.file.label),
    );
  if (opts.open !== false) await vscode.window.showTextDocument(target, { preview: false });
  return target;
}

/** Pull All Bots: every bot of the account into a folder the creator picks, after one look at what changes. */
export async function pullAll(s: Services, arg?: unknown): Promise<PlannedPull[]> {
  const first = vscode.workspace.workspaceFolders?.[0]?.uri;
  const folder =
    arg instanceof vscode.Uri
      ? arg
      : orCancel(await ui.pickFolder({ title: vscode.l10n.t('Pull every bot into which folder?'), defaultUri: first }));
  const env = pullEnv(s, folder, 'skip');
  const planned = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading your bots on Poe…') },
    () => planPull(env),
  );
  const changing = planned.filter((p) => p.change === 'new' || p.change === 'changed');
  const edited = changing.filter((p) => p.edited);
  const refused = planned.filter((p) => p.change === 'refused');
  const where = vscode.workspace.asRelativePath(folder);
  if (!planned.length) throw new UserError(vscode.l10n.t('This Poe account has no bots to pull.'));
  let overwriteEdited = false;
  if (changing.length) {
    const lines = changing.map(
      (p) =>
        `${p.change === 'new' ? vscode.l10n.t('new') : p.edited ? vscode.l10n.t('edited in place, over your edits since the last pull or push') : vscode.l10n.t('edited in place')}: ${p.file!.label}`,
    );
    const notPulled = refused.map((p) => `${vscode.l10n.t('not pulled')}: ${p.reason}`);
    const pull = vscode.l10n.t('Pull {0} Bots', changing.length);
    const skip = vscode.l10n.t('Skip Edited Files');
    const answer = orCancel(
      await ui.confirm(
        vscode.l10n.t('Pull {0} of {1} bot(s) into {2}?', changing.length, planned.length, where),
        [
          ...lines,
          ...(notPulled.length ? ['', ...notPulled] : []),
          '',
          vscode.l10n.t(
            'Existing files keep their comments and key references; only values that differ from Poe change.',
          ),
        ].join('\n'),
        pull,
        ...(edited.length ? [skip] : []),
      ),
    );
    overwriteEdited = answer === pull;
  }
  const done = await writePull(env, planned, { overwriteEdited });
  const written = done.filter((p) => p.change === 'new' || p.change === 'changed').length;
  const same = done.filter((p) => p.change === 'same').length;
  const left = done.filter((p) => p.change === 'refused');
  s.log.info(
    `Pull All into ${folder.fsPath}: ${written} written, ${same} already up to date, ${left.length} not pulled.`,
  );
  for (const p of left) s.log.warn(`Not pulled: ${p.reason}`);
  if (left.length) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Pulled {0} bot(s) into {1}; {2} not pulled: {3}',
        written,
        where,
        left.length,
        left.map((p) => p.reason).join(' '),
      ),
    );
  } else {
    void vscode.window.showInformationMessage(
      written
        ? vscode.l10n.t('Pulled {0} bot(s) into {1}; {2} already up to date.', written, where, same)
        : vscode.l10n.t('All {0} bot(s) in {1} are already up to date.', planned.length, where),
    );
  }
  return done;
}
