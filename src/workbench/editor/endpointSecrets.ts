// Endpoint secrets: a key stored by hand under ${secret:NAME}, and a key written in a file moved into secret storage.

import { findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import * as vscode from 'vscode';
import { SECRET_NAME, SECRET_NAME_TEXT } from '../../botfile/names';
import { referenceText, suggestSecretName } from '../../botfile/secrets';
import { applyJsonEdits } from '../documents';
import type { Services } from '../services';
import { orCancel, ui } from '../ui';
import { UserError } from '../errors';

const checkSecretName = (v: string) => (SECRET_NAME.test(v) ? undefined : vscode.l10n.t(SECRET_NAME_TEXT));

export async function setEndpointSecret(s: Services, givenName?: unknown, givenValue?: unknown): Promise<string> {
  const name =
    typeof givenName === 'string'
      ? givenName
      : orCancel(
          await ui.input({
            title: vscode.l10n.t('Set Endpoint Secret'),
            prompt: vscode.l10n.t('A name for the key; bot files refer to it as ${secret:NAME}.'),
            placeHolder: 'MY_ENDPOINT',
            validateInput: checkSecretName,
          }),
        );
  const value =
    typeof givenValue === 'string'
      ? givenValue
      : orCancel(
          await ui.input({
            title: vscode.l10n.t('Endpoint key for {0}', `\${secret:${name}}`),
            password: true,
            prompt: vscode.l10n.t(
              "Your endpoint's API key. It stays in VS Code's secret storage and is sent to Poe only when you push.",
            ),
            validateInput: (v) => (v ? undefined : vscode.l10n.t('The key cannot be empty.')),
          }),
        );
  await s.keys.storeEndpointSecret(name, value);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Stored the endpoint key. Bot files refer to it as {0}.', `\${secret:${name}}`),
  );
  return name;
}

/** The quick fix on a literal key: store it as a secret and write ${secret:NAME} in its place. */
export async function moveKeyToSecret(s: Services, uri?: unknown): Promise<string> {
  const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  if (!target) throw new UserError(vscode.l10n.t('Open a bot file first.'));
  const doc = await vscode.workspace.openTextDocument(target);
  const text = doc.getText();
  const tree = parseTree(text);
  const node = tree && findNodeAtLocation(tree, ['api_bot_settings', 'api_key']);
  const handle = tree && findNodeAtLocation(tree, ['handle'])?.value;
  if (!node || typeof node.value !== 'string') throw new UserError(vscode.l10n.t('This file has no api_key to move.'));
  const name = orCancel(
    await ui.input({
      title: vscode.l10n.t('Move Key to Secret Storage'),
      prompt: vscode.l10n.t('Name of the secret; the file will say ${secret:NAME}.'),
      value: suggestSecretName(typeof handle === 'string' ? handle : 'ENDPOINT_KEY'),
      validateInput: checkSecretName,
    }),
  );
  await s.keys.storeEndpointSecret(name, node.value);
  const edits = modify(text, ['api_bot_settings', 'api_key'], referenceText({ kind: 'secret', name }), {});
  if (!(await applyJsonEdits(doc, edits))) throw new UserError(vscode.l10n.t('The file could not be changed.'));
  await doc.save();
  void vscode.window.showInformationMessage(
    vscode.l10n.t('The key is now in secret storage as {0}, and no longer in the file.', `\${secret:${name}}`),
  );
  return name;
}
