// The Testing view's tree of bot tests: each *.poebot-test.json an item, each case a child, each run of a matrix case
// a child of its case, with ranges so the gutter shows them. Discovery reads the files (an open editor's text first)
// and the bot files beside them, and never the runner: that loads on the first run (run.ts).

import * as vscode from 'vscode';
import { TEST_FILE_GLOB } from '../../tests/kinds';
import { loadTests, type LoadedTests } from '../../tests/load';
import type { PlannedCase } from '../../tests/matrix';
import { readText } from '../documents';

/** What the runner needs of an item: its file and, for a case or a matrix run, which. */
export interface ItemData {
  file: vscode.Uri;
  planned?: PlannedCase[];
}

/** 0-based line and character of an offset, without opening the document. */
function position(text: string, offset: number): vscode.Position {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return new vscode.Position(line, offset - start);
}

export class BotTestsTree implements vscode.Disposable {
  readonly data = new WeakMap<vscode.TestItem, ItemData>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher(TEST_FILE_GLOB);
  private readonly subscriptions: vscode.Disposable[] = [this.watcher];

  constructor(readonly controller: vscode.TestController) {
    controller.resolveHandler = async (item) => {
      if (!item) await this.discoverAll();
      else await this.refresh(item.uri!);
    };
    controller.refreshHandler = () => this.discoverAll();
    this.subscriptions.push(
      this.watcher.onDidCreate((uri) => this.refresh(uri)),
      this.watcher.onDidChange((uri) => this.refresh(uri)),
      this.watcher.onDidDelete((uri) => controller.items.delete(uri.toString())),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (controller.items.get(e.document.uri.toString())) void this.refresh(e.document.uri);
      }),
    );
  }

  async discoverAll(): Promise<void> {
    const uris = await vscode.workspace.findFiles(TEST_FILE_GLOB, '**/node_modules/**');
    const keep = new Set(uris.map((u) => u.toString()));
    this.controller.items.forEach((item) => {
      if (!keep.has(item.id)) this.controller.items.delete(item.id);
    });
    await Promise.all(uris.map((u) => this.refresh(u)));
  }

  /** The file's item with its cases, read afresh; what it read, for a run to use. */
  async refresh(uri: vscode.Uri): Promise<LoadedTests | undefined> {
    const text = await readText(uri);
    if (text === undefined) {
      this.controller.items.delete(uri.toString());
      return undefined;
    }
    const folder = vscode.Uri.joinPath(uri, '..');
    const loaded = await loadTests(
      text,
      (bot) => vscode.Uri.joinPath(folder, bot).toString(),
      (p) => readText(vscode.Uri.parse(p)),
    );
    const file =
      this.controller.items.get(uri.toString()) ??
      this.controller.createTestItem(uri.toString(), vscode.workspace.asRelativePath(uri), uri);
    this.controller.items.add(file);
    file.error = loaded.problem ? new vscode.MarkdownString().appendText(loaded.problem) : undefined;
    this.data.set(file, { file: uri, planned: loaded.planned });
    const byCase = new Map<number, PlannedCase[]>();
    for (const p of loaded.planned) byCase.set(p.case.index, [...(byCase.get(p.case.index) ?? []), p]);
    const children: vscode.TestItem[] = [];
    for (const [index, runs] of byCase) {
      const c = runs[0]!.case;
      const item = this.controller.createTestItem(`${uri.toString()}#${index}`, c.name, uri);
      item.range = new vscode.Range(position(text, c.offset), position(text, c.offset + c.length));
      item.error = c.problem ? new vscode.MarkdownString().appendText(c.problem) : undefined;
      this.data.set(item, { file: uri, planned: runs });
      if (runs.length > 1 || runs[0]!.variant) {
        item.children.replace(
          runs.map((p) => {
            const child = this.controller.createTestItem(`${uri.toString()}#${p.id}`, p.variant ?? p.name, uri);
            child.range = item.range;
            this.data.set(child, { file: uri, planned: [p] });
            return child;
          }),
        );
      }
      children.push(item);
    }
    file.children.replace(children);
    return loaded;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
