// Writes and keys need a trusted workspace: a repository opened in Restricted Mode must not be able to push to the
// creator's account or read the machine's environment.

import * as vscode from 'vscode';
import { UntrustedWorkspaceError } from './errors';

export function requireTrust(): void {
  if (!vscode.workspace.isTrusted) {
    throw new UntrustedWorkspaceError(
      vscode.l10n.t(
        'Pushing is turned off in an untrusted workspace: a repository must not be able to send changes or keys to your Poe account. Trust this folder to push.',
      ),
    );
  }
}
