// Serves the shipped schemas at poebot-schema:/<name>: poebot.schema.json (bot files) and poebot-test.schema.json (bot
// tests), the $schema those files name. VS Code's JSON service reads schemas of other schemes through
// openTextDocument, so this works offline and in remote windows.

import * as vscode from 'vscode';

export const SCHEMA_SCHEME = 'poebot-schema';
/** The schemas a file may name; any other path is an empty document, never a file read from elsewhere. */
export const SCHEMAS = ['poebot.schema.json', 'poebot-test.schema.json'] as const;

export class SchemaDocument implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, Promise<string>>();
  constructor(private readonly extensionUri: vscode.Uri) {}

  provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const name = SCHEMAS.find((s) => uri.path === `/${s}` || uri.path === s) ?? SCHEMAS[0];
    let text = this.texts.get(name);
    if (!text) {
      text = Promise.resolve(
        vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'schemas', name)),
      ).then((b) => new TextDecoder().decode(b));
      this.texts.set(name, text);
    }
    return text;
  }
}
