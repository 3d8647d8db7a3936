// The editor's side of the pull flow and its file gate: files found by handle anywhere in the chosen folder, new ones
// written there, and the gate's question (a file that holds another bot) asked as a modal naming both handles.

import * as vscode from 'vscode';
import { suggestSecretName } from '../../botfile/secrets';
import type { PullEnv } from '../../sync';
import { readText, writeText } from '../documents';
import { fileRef, fileUri } from '../flowEnv';
import type { Services } from '../services';
import { Cancelled, ui } from '../ui';

/** `declined` is what saying no to the modal means: one bot's Pull stops (a cancel); Pull All skips that bot. */
export function pullEnv(s: Services, folder: vscode.Uri, declined: 'cancel' | 'skip'): PullEnv {
  const inside = (uri: vscode.Uri) => (uri.path + '/').startsWith(`${folder.path.replace(/\/+$/, '')}/`);
  return {
    client: s.api.client(),
    read: (f) => readText(fileUri(f)),
    write: (f, text) => writeText(fileUri(f), text),
    filesFor: async (handle) => (await s.files.claiming(handle)).filter(inside).map(fileRef),
    newFile: (name) => fileRef(vscode.Uri.joinPath(folder, name)),
    questions: {
      async otherHandle({ handle, file, holds, instead }) {
        const write = vscode.l10n.t('Write {0}', instead.label.split('/').pop()!);
        const answer = await ui.confirm(
          holds === undefined
            ? vscode.l10n.t('{0} holds no handle, not "{1}"', file.label, handle)
            : vscode.l10n.t('{0} holds "{1}", not "{2}"', file.label, holds, handle),
          vscode.l10n.t(
            'Pull never replaces a file that holds another bot. Write "{0}" from Poe into {1} instead? {2} stays as it is.',
            handle,
            instead.label,
            file.label,
          ),
          write,
        );
        if (answer === write) return true;
        if (declined === 'cancel') throw new Cancelled();
        return false;
      },
    },
    async defaultKeyReference(handle) {
      const name = suggestSecretName(handle);
      return (await s.keys.endpointSecret(name)) ? { kind: 'secret', name } : undefined;
    },
    baselines: s.baselines,
    t: vscode.l10n.t,
  };
}
