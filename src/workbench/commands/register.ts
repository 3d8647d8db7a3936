// Every command is registered here, through one error wrapper: a cancel is silent, the full error goes to the log,
// and the creator sees one short sentence with the action that fixes it.

import * as vscode from 'vscode';
import { BaseUrlError, isPoeApiError } from '../../poe';
import { FileProblemsError } from '../../sync';
import { UntrustedWorkspaceError, isUserFacing } from '../errors';
import type { Log } from '../log';
import { Cancelled } from '../ui';
import { Command, type CommandId } from '../commandIds';

export type CommandTable = Record<CommandId, (...args: unknown[]) => unknown>;

export function isCancel(e: unknown): boolean {
  return e instanceof Cancelled || e instanceof vscode.CancellationError || isPoeApiError(e, 'cancelled');
}

export function userMessage(e: unknown): string {
  if (isUserFacing(e) || e instanceof BaseUrlError) return e.message;
  if (e instanceof vscode.FileSystemError) return vscode.l10n.t('A file could not be read or written: {0}', e.message);
  return vscode.l10n.t('Something went wrong: {0}', e instanceof Error ? e.message : String(e));
}

export function registerCommands(context: vscode.ExtensionContext, log: Log, table: CommandTable): void {
  for (const [id, run] of Object.entries(table)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await run(...args);
        } catch (e) {
          if (isCancel(e)) return undefined;
          log.error(`${id}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          void showError(e, log);
          return undefined;
        }
      }),
    );
  }
}

async function showError(e: unknown, log: Log): Promise<void> {
  const setKey = vscode.l10n.t('Set API Key');
  const settings = vscode.l10n.t('Open Settings');
  const showLog = vscode.l10n.t('Show Log');
  const problems = vscode.l10n.t('Show Problems');
  const trust = vscode.l10n.t('Manage Workspace Trust');
  const fix = isPoeApiError(e, 'auth')
    ? setKey
    : e instanceof BaseUrlError || isPoeApiError(e, 'wrongAddress')
      ? settings
      : e instanceof FileProblemsError
        ? problems
        : e instanceof UntrustedWorkspaceError
          ? trust
          : undefined;
  const pick = await vscode.window.showErrorMessage(log.clean(userMessage(e)), ...(fix ? [fix] : []), showLog);
  if (pick === problems) await vscode.commands.executeCommand('workbench.actions.view.problems');
  else if (pick === trust) await vscode.commands.executeCommand('workbench.trust.manage');
  else if (pick === setKey) await vscode.commands.executeCommand(Command.setApiKey);
  else if (pick === settings)
    await vscode.commands.executeCommand('workbench.action.openSettings', 'poeBots.apiBaseUrl');
  else if (pick === showLog) log.show();
}
