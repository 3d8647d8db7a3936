// What every command and provider may use, built once in extension.ts.

import type * as vscode from 'vscode';
import type { Account } from './account';
import type { Api } from './api';
import type { BotTests } from './botTests/register';
import type { EditorBaselines } from './lockBaselines';
import type { BotFileIndex } from './botFiles';
import type { KeyStore } from './secrets';
import type { Log } from './log';
import type { BotsTree } from './tree/botsTree';
import type { PushDiagnostics } from './editor/pushDiagnostics';
import type { RemoteDocuments } from './editor/remoteDocument';

export interface Services {
  context: vscode.ExtensionContext;
  log: Log;
  keys: KeyStore;
  api: Api;
  /** The Poe account: its bots, balance and state (the tree shows it). */
  account: Account;
  tree: BotsTree;
  files: BotFileIndex;
  baselines: EditorBaselines;
  pushDiagnostics: PushDiagnostics;
  remote: RemoteDocuments;
  /** The Testing view's bot tests, once registered. */
  botTests?: BotTests;
}
