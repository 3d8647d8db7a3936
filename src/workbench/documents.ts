// Reading and writing bot files the way the creator sees them: an editor with unsaved changes wins; otherwise the
// file on disk (an editor's model can lag behind a change made on disk).

import type { Edit } from 'jsonc-parser';
import * as vscode from 'vscode';

export const openDocument = (uri: vscode.Uri) =>
  vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = openDocument(uri);
  if (open?.isDirty) return open.getText();
  // A byte-order mark stays in the text (the file gate keeps it on a pull); an open document never shows one.
  try {
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Through the open document when there is one (so an editor never holds stale text), else straight to disk. */
export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  const open = openDocument(uri);
  if (open && (await exists(uri))) {
    // The document keeps its own encoding (a BOM included): its text never holds one.
    const shown = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(open.positionAt(0), open.positionAt(open.getText().length)), shown);
    if ((await vscode.workspace.applyEdit(edit)) && (await open.save())) return;
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** jsonc-parser's edits (from modify) applied to an open document, touching only the text they name. */
export async function applyJsonEdits(doc: vscode.TextDocument, edits: Edit[]): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits)
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.content);
  return vscode.workspace.applyEdit(edit);
}
