// Serves the bot-file schema at poebot-schema:/poebot.schema.json, the $schema that bot files name. VS Code's JSON
// service reads schemas of other schemes through openTextDocument, so this works offline and in remote windows.

import * as vscode from 'vscode';

export const SCHEMA_SCHEME = 'poebot-schema';

export class SchemaDocument implements vscode.TextDocumentContentProvider {
  private text?: Promise<string>;
  constructor(private readonly extensionUri: vscode.Uri) {}

  provideTextDocumentContent(): Promise<string> {
    return (this.text ??= Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'schemas', 'poebot.schema.json')))
      .then((b) => new TextDecoder().decode(b)));
  }
}
