// Try Bot: a conversation with a bot beside the editor, through Poe or straight to its endpoint.

import * as vscode from 'vscode';
import { showTryBot } from '../panelLoader';
import type { Services } from '../services';
import { fileSource, sourceFor } from './source';
import { UserError } from '../errors';
import { isBotFile } from '../botFiles';
import { pickHandle } from '../tree/pickBot';
import { ui } from '../ui';

export async function tryBot(s: Services, arg?: unknown): Promise<string> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const uri = arg instanceof vscode.Uri ? arg : !arg && active && isBotFile(active) ? active : undefined;
  const source = uri
    ? await fileSource(s, uri)
    : await sourceFor(s, await pickHandle(s, arg, vscode.l10n.t('Try which bot?')));
  if (!source) throw new UserError(vscode.l10n.t('This bot file has no handle yet: give it one, then try it.'));
  showTryBot(s.context, source, s.log, (target) => ui.openExternal(target));
  return source.handle;
}
