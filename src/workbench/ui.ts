// Every question the extension asks the creator goes through here. The in-editor tests answer these questions
// through the extension's exported test seam instead of clicking; the UI tests click the real dialogs.

import * as vscode from 'vscode';

export class Cancelled extends Error {
  constructor() {
    super('Cancelled');
  }
}

export interface Ui {
  /** A modal question; resolves to the chosen button or undefined for Cancel. */
  confirm(message: string, detail: string, ...buttons: string[]): Promise<string | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  openExternal(uri: vscode.Uri): Promise<boolean>;
  /** One folder, or undefined for Cancel. */
  pickFolder(options: { title: string; defaultUri?: vscode.Uri }): Promise<vscode.Uri | undefined>;
}

export const windowUi: Ui = {
  async confirm(message, detail, ...buttons) {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
  },
  async input(options) {
    return vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  },
  async pick(items, options) {
    return vscode.window.showQuickPick(items, options);
  },
  async openExternal(uri) {
    return vscode.env.openExternal(uri);
  },
  async pickFolder({ title, defaultUri }) {
    const picked = await vscode.window.showOpenDialog({
      title,
      defaultUri,
      canSelectFolders: true,
      canSelectFiles: false,
      canSelectMany: false,
      openLabel: vscode.l10n.t('Pull Here'),
    });
    return picked?.[0];
  },
};

/** The live seam: tests may replace its methods. On globalThis, so the files of dist/ that load later (the agent
 * tools) ask through the same one. */
export const ui: Ui = ((globalThis as Record<symbol, Ui | undefined>)[Symbol.for('poe-bots.ui')] ??= { ...windowUi });

export function orCancel<T>(value: T | undefined): T {
  if (value === undefined) throw new Cancelled();
  return value;
}
