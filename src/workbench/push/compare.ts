// The handle of a file, for comparing it with the remote (no key is resolved: a diff never shows one).

import * as vscode from 'vscode';
import { readBotFile } from '../../botfile/read';
import { readText } from '../documents';
import { UserError } from '../errors';

export async function prepareFileForCompare(uri: vscode.Uri): Promise<string> {
  const handle = readBotFile((await readText(uri)) ?? '').handle;
  if (!handle)
    throw new UserError(
      vscode.l10n.t(
        '{0} has no "handle", so there is no bot to compare it with.',
        vscode.workspace.asRelativePath(uri),
      ),
    );
  return handle;
}
