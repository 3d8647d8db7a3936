// The push commands: push (create or update), create, update, replace, compare with remote, push a folder.

import * as vscode from 'vscode';
import { renderBotFile } from '../../botfile/normalize';
import { BOT_FILE_GLOB } from '../../botfile/names';
import type { Verb } from '../../botfile/plan';
import { fetchRemote, type FileResult, type Plan } from '../../sync';
import { isBotFile } from '../botFiles';
import { prepareFileForCompare } from './compare';
import { reportMany, reportOne, runPush } from './run';
import type { Services } from '../services';
import { orCancel, ui } from '../ui';
import { UserError } from '../errors';

export interface PushResult {
  plan: Plan;
  notTaken: string[];
  upToDate: boolean;
}

/** The bot file a command is about: the one passed in, the active editor's, or one the creator picks. */
export async function pickBotFile(arg: unknown): Promise<vscode.Uri> {
  if (arg instanceof vscode.Uri && isBotFile(arg)) return arg;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && isBotFile(active) && active.scheme === 'file') return active;
  const files = await vscode.workspace.findFiles(BOT_FILE_GLOB, '**/node_modules/**', 500);
  if (!files.length)
    throw new UserError(
      vscode.l10n.t(
        'There is no *.poebot.json file in this workspace. Create one with "Poe: New Bot File" or pull a bot.',
      ),
    );
  const picked = await ui.pick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { placeHolder: vscode.l10n.t('Which bot file?') },
  );
  return orCancel(picked).uri;
}

export function pushCommand(s: Services, verb: Verb | 'auto') {
  return async (arg?: unknown, opts?: { sendKey?: boolean }): Promise<PushResult | undefined> => {
    const uri = await pickBotFile(arg);
    const report = await runPush(
      s,
      [uri],
      { verb, sendKey: opts?.sendKey },
      vscode.l10n.t('Pushing {0}', vscode.workspace.asRelativePath(uri)),
    );
    const r = report.results[0]!;
    reportOne(s, r);
    return { plan: r.plan!, notTaken: r.notTaken ?? [], upToDate: r.outcome === 'upToDate' };
  };
}

export async function compare(s: Services, arg?: unknown): Promise<void> {
  const uri = await pickBotFile(arg);
  const handle = await prepareFileForCompare(uri);
  const remote = await fetchRemote(s.api.client(), handle);
  const left = s.remote.preview(
    handle,
    'compare',
    remote ? renderBotFile(remote) : `// ${vscode.l10n.t('"{0}" does not exist on Poe yet.', handle)}\n`,
  );
  await vscode.commands.executeCommand(
    'vscode.diff',
    left,
    uri,
    vscode.l10n.t('{0}: on Poe ↔ {1}', handle, vscode.workspace.asRelativePath(uri)),
  );
}

export async function pushFolder(s: Services, arg?: unknown): Promise<FileResult[]> {
  const base = arg instanceof vscode.Uri ? arg : vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!base) throw new UserError(vscode.l10n.t('Open a folder first.'));
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(base, BOT_FILE_GLOB), '**/node_modules/**');
  if (!uris.length)
    throw new UserError(
      vscode.l10n.t('There are no *.poebot.json files in {0}.', vscode.workspace.asRelativePath(base)),
    );
  uris.sort((a, b) => a.path.localeCompare(b.path));
  const report = await runPush(s, uris, { verb: 'auto' }, vscode.l10n.t('Pushing {0} bot files', uris.length));
  reportMany(s, report);
  return report.results;
}
