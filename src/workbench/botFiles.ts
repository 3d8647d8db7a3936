// Which *.poebot.json files the workspace has, by handle: the tree marks bots that have a file, pull writes next to
// them, and folder push finds them.

import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';

export const BOT_FILE_GLOB = '**/*.poebot.json';
export const isBotFile = (uri: vscode.Uri) => uri.path.endsWith('.poebot.json');

export class BotFileIndex implements vscode.Disposable {
  private byHandle?: Promise<Map<string, vscode.Uri>>;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly watcher: vscode.FileSystemWatcher;
  private timer?: NodeJS.Timeout;

  constructor() {
    this.watcher = vscode.workspace.createFileSystemWatcher(BOT_FILE_GLOB);
    const stale = () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => { this.byHandle = undefined; this.changed.fire(); }, 300);
    };
    this.watcher.onDidCreate(stale);
    this.watcher.onDidDelete(stale);
    this.watcher.onDidChange(stale);
  }

  handles(): Promise<Map<string, vscode.Uri>> {
    return (this.byHandle ??= this.scan());
  }

  async fileFor(handle: string): Promise<vscode.Uri | undefined> {
    return (await this.handles()).get(handle);
  }

  private async scan(): Promise<Map<string, vscode.Uri>> {
    const map = new Map<string, vscode.Uri>();
    if (!vscode.workspace.workspaceFolders?.length) return map;
    const files = await vscode.workspace.findFiles(BOT_FILE_GLOB, '**/node_modules/**', 5000);
    await Promise.all(files.map(async (uri) => {
      try {
        const value = parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as { handle?: unknown } | undefined;
        if (typeof value?.handle === 'string' && !map.has(value.handle)) map.set(value.handle, uri);
      } catch { /* unreadable: not a bot file we can use */ }
    }));
    return map;
  }

  dispose(): void { clearTimeout(this.timer); this.watcher.dispose(); this.changed.dispose(); }
}
