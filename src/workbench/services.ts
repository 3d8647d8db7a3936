// What every command and provider may use, built once in extension.ts.

import type * as vscode from 'vscode';
import type { Api } from './api';
import type { EditorBaselines } from './lockBaselines';
import type { BotFileIndex } from './botFiles';
import type { KeyStore } from './keys';
import type { Log } from './log';
import type { BotsTree } from './tree/botsTree';
import type { PushDiagnostics } from './editor/pushDiagnostics';
import type { RemoteDocuments } from './editor/remoteDocument';

export interface Services {
  context: vscode.ExtensionContext;
  log: Log;
  keys: KeyStore;
  api: Api;
  tree: BotsTree;
  files: BotFileIndex;
  baselines: EditorBaselines;
  pushDiagnostics: PushDiagnostics;
  remote: RemoteDocuments;
}
