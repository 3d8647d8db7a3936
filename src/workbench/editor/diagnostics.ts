// Problems in *.poebot.json files as the creator types. VS Code's JSON service already reports syntax and schema
// problems from the same schema, so this adds only what it cannot see (cross-field rules), never a duplicate.

import * as vscode from 'vscode';
import type { Problem } from '../../botfile/problems';
import { validateBotFile } from '../../botfile/validate';
import { isBotFile } from '../botFiles';

export const DIAGNOSTIC_SOURCE = 'Poe Bots';

export function toDiagnostic(doc: vscode.TextDocument, p: Problem): vscode.Diagnostic {
  const range = new vscode.Range(doc.positionAt(p.offset), doc.positionAt(p.offset + p.length));
  const d = new vscode.Diagnostic(
    range,
    p.message,
    p.severity === 'error'
      ? vscode.DiagnosticSeverity.Error
      : p.severity === 'warning'
        ? vscode.DiagnosticSeverity.Warning
        : vscode.DiagnosticSeverity.Information,
  );
  d.source = DIAGNOSTIC_SOURCE;
  d.code = p.code;
  return d;
}

/** Problems only this extension finds: the JSON service reports syntax and schema problems itself. */
export const ownProblem = (p: Problem) => !p.code.startsWith('schema.') && !p.code.startsWith('syntax.');

export class BotFileDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('poe-bots');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly delayMs = 250) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.collection.delete(d.uri);
        clearTimeout(this.timers.get(d.uri.toString()));
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.check(d);
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!isBotFile(doc.uri) || doc.uri.scheme !== 'file') return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.check(doc);
      }, this.delayMs),
    );
  }

  check(doc: vscode.TextDocument): void {
    if (!isBotFile(doc.uri) || doc.uri.scheme !== 'file' || doc.isClosed) return;
    const problems = validateBotFile(doc.getText()).problems.filter(ownProblem);
    this.collection.set(
      doc.uri,
      problems.map((p) => toDiagnostic(doc, p)),
    );
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}
