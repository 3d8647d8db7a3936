// New Bot File: <handle>.poebot.json from a template, opened with the cursor where the first value goes.

import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import * as vscode from 'vscode';
import { SAFE_HANDLE, SAFE_HANDLE_TEXT, UNSAFE_IN_FILE_NAME, botFileName } from '../../botfile/names';
import { SCHEMA_URI } from '../../botfile/normalize';
import { suggestSecretName } from '../../botfile/secrets';
import type { Services } from '../services';
import { orCancel, ui } from '../ui';
import { UserError } from '../errors';

/** A handle must make a file name; beyond that, Poe's rules are undocumented, so ours only warn. */
function checkHandle(v: string): string | vscode.InputBoxValidationMessage | undefined {
  if (!v || UNSAFE_IN_FILE_NAME.test(v))
    return vscode.l10n.t('A handle names the file <handle>.poebot.json: no spaces, slashes or \\:*?"<>|.');
  if (!SAFE_HANDLE.test(v)) {
    return {
      message: vscode.l10n.t(
        'Poe does not document its handle rules; {0} are known to work. Poe decides when you push.',
        SAFE_HANDLE_TEXT,
      ),
      severity: vscode.InputBoxValidationSeverity.Warning,
    };
  }
  return undefined;
}

export function botFileTemplate(handle: string): string {
  const secret = suggestSecretName(handle);
  return `{
  "$schema": "${SCHEMA_URI}",
  "handle": "${handle}",
  "description": "",
  "is_private": true,
  "api_bot_settings": {
    // Your OpenAI-compatible endpoint: Poe sends requests to base_url with model_name.
    "model_name": "",
    "base_url": "https://",
    // Never the key itself: store it with "Poe: Set Endpoint Secret" (name ${secret}), or use \${env:NAME}.
    "api_key": "\${secret:${secret}}",
    "api_type": "chat_completions_api",
    "input_modalities": ["text"],
    "output_modalities": ["text"],
    // US dollars per single token: "0.000001" is $1 per 1M tokens.
    "pricing": { "prompt": "0.000001", "completion": "0.000002" }
  }
}
`;
}

export async function newBotFile(s: Services, given?: unknown): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new UserError(vscode.l10n.t('Open a folder first: the bot file is created in the workspace.'));
  const handle =
    typeof given === 'string'
      ? given
      : orCancel(
          await ui.input({
            title: vscode.l10n.t('New Poe Bot File'),
            prompt: vscode.l10n.t(
              "The bot's handle: its unique name on Poe (poe.com/<handle>). It cannot be changed later.",
            ),
            placeHolder: 'MyBot',
            validateInput: checkHandle,
          }),
        );
  if (!handle || UNSAFE_IN_FILE_NAME.test(handle))
    throw new UserError(vscode.l10n.t('"{0}" cannot name a bot file.', handle));
  const existing = await s.files.fileFor(handle);
  const uri = existing ?? vscode.Uri.joinPath(folder.uri, botFileName(handle));
  let exists = !!existing;
  if (!exists) {
    try {
      await vscode.workspace.fs.stat(uri);
      exists = true;
    } catch {
      /* a new file */
    }
  }
  if (exists) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} already exists: opened it.', vscode.workspace.asRelativePath(uri)),
    );
  } else {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(botFileTemplate(handle)));
  }
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  // The cursor goes inside model_name's quotes: the first thing to fill in.
  const node = exists
    ? undefined
    : findNodeAtLocation(parseTree(editor.document.getText()) ?? { type: 'null', offset: 0, length: 0 }, [
        'api_bot_settings',
        'model_name',
      ]);
  if (node)
    editor.selection = new vscode.Selection(
      editor.document.positionAt(node.offset + 1),
      editor.document.positionAt(node.offset + 1),
    );
  return uri;
}
