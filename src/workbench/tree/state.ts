// The tree's state as data: one value, mirrored into the context key poeBots.state that drives the welcome views.

import * as vscode from 'vscode';
import { isPoeApiError } from '../../poe';

export type TreeState = 'noKey' | 'loading' | 'ready' | 'empty' | 'invalidKey' | 'notEnabled' | 'offline';

export async function publishState(state: TreeState): Promise<void> {
  await vscode.commands.executeCommand('setContext', 'poeBots.state', state);
}

/** The state a failed list call leaves the tree in; anything not about the key or the account is "offline". */
export function stateForError(e: unknown): TreeState {
  if (isPoeApiError(e, 'auth')) return 'invalidKey';
  if (isPoeApiError(e, 'notEnabled')) return 'notEnabled';
  return 'offline';
}
