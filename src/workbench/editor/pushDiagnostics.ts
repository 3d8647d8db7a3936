// Problems a push found (the server's 400, a missing secret) stay on the file until the next push or an edit.

import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

export class PushDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('poe-bots-push');
  private readonly subscription = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.contentChanges.length) this.collection.delete(e.document.uri);
  });

  set(uri: vscode.Uri, range: vscode.Range, message: string): void {
    const d = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
    d.source = `${DIAGNOSTIC_SOURCE} (push)`;
    this.collection.set(uri, [d]);
  }

  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}
