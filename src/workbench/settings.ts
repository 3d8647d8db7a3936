// Every poeBots.* setting, read here and only here, each with the rule that guards it: a repository is not the
// creator, so a workspace value is taken only where it cannot weaken a protection (apiBaseUrl: only once approved,
// see address.ts; confirmUpdates: on, never off; account: a name, asked before it is used). A new setting is package.json, package.nls.json and a line here.

import * as vscode from 'vscode';

/** A setting's value from the creator's user settings, and from the workspace or any of its folders. */
export function settingValues<T>(key: string): { user?: T; workspace?: T } {
  const top = vscode.workspace.getConfiguration('poeBots').inspect<T>(key);
  let workspace = top?.workspaceFolderValue ?? top?.workspaceValue;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    workspace ??= vscode.workspace.getConfiguration('poeBots', folder.uri).inspect<T>(key)?.workspaceFolderValue;
  }
  return { user: top?.globalValue, workspace };
}

/** poeBots.apiBaseUrl as the creator's user settings and the workspace give it (address.ts decides which is used). */
export const apiBaseUrlValues = () => settingValues<string>('apiBaseUrl');

/** poeBots.confirmUpdates: ask before a plain update. The creator's choice, unless a workspace turns it on. */
export function confirmUpdates(): boolean {
  const { user, workspace } = settingValues<boolean>('confirmUpdates');
  return (user ?? true) || workspace === true;
}

/**
 * poeBots.account: the name of the creator's account a workspace is for. A name only: it picks among the keys the
 * creator stored, never supplies one, and the switch is asked first (workspaceAccount.ts). A user value is the
 * creator's own wish, the same request.
 */
export function requestedAccount(): string | undefined {
  const { user, workspace } = settingValues<string>('account');
  const name = (typeof workspace === 'string' && workspace.trim()) || (typeof user === 'string' && user.trim());
  return name || undefined;
}

/** Whether a configuration change touches one of ours. */
export const affects = (e: vscode.ConfigurationChangeEvent, key: 'apiBaseUrl' | 'confirmUpdates' | 'account') =>
  e.affectsConfiguration(`poeBots.${key}`);
