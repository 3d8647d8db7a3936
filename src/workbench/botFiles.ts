// Which *.poebot.json files the workspace has, by handle: the tree marks bots that have a file, pull writes next to
// them, and folder push finds them.

import * as vscode from 'vscode';
import { BOT_FILE_GLOB, isBotFilePath } from '../botfile/names';
import { readBotFile } from '../botfile/read';

export const isBotFile = (uri: vscode.Uri) => isBotFilePath(uri.path);

export class BotFileIndex implements vscode.Disposable {
  private byHandle?: Promise<Map<string, vscode.Uri>>;
  /** Every bot file of the last scan, whatever it holds. */
  private all?: vscode.Uri[];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly watcher: vscode.FileSystemWatcher;
  private timer?: NodeJS.Timeout;

  constructor() {
    this.watcher = vscode.workspace.createFileSystemWatcher(BOT_FILE_GLOB);
    // The map is dropped at once (the next question rescans); only the tree's repaint is debounced.
    const stale = () => {
      this.byHandle = undefined;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.changed.fire(), 300);
    };
    this.watcher.onDidCreate(stale);
    this.watcher.onDidDelete(stale);
    this.watcher.onDidChange(stale);
  }

  handles(): Promise<Map<string, vscode.Uri>> {
    return (this.byHandle ??= this.scan());
  }

  /**
   * Every file that claims `handle`, compared ignoring case (two files for one bot are refused by pull and push), each
   * read again now: a watcher event that has not arrived yet must not hide a claim or invent one.
   */
  async claiming(handle: string): Promise<vscode.Uri[]> {
    await this.handles();
    const want = handle.toLowerCase();
    const held = await Promise.all((this.all ?? []).map(async (uri) => ({ uri, handle: await handleIn(uri) })));
    return held.filter((h) => h.handle?.toLowerCase() === want).map((h) => h.uri);
  }

  /**
   * The file for `handle`, checked: the watcher's events can arrive after a caller has moved on (a file deleted or
   * edited a moment ago), so a remembered file that no longer holds this handle means a rescan, never a stale answer.
   */
  async fileFor(handle: string): Promise<vscode.Uri | undefined> {
    const remembered = (await this.handles()).get(handle);
    if (!remembered || (await handleIn(remembered)) === handle) return remembered;
    this.byHandle = undefined;
    return (await this.handles()).get(handle);
  }

  private async scan(): Promise<Map<string, vscode.Uri>> {
    const map = new Map<string, vscode.Uri>();
    if (!vscode.workspace.workspaceFolders?.length) return map;
    const files = await vscode.workspace.findFiles(BOT_FILE_GLOB, '**/node_modules/**', 5000);
    this.all = files;
    await Promise.all(
      files.map(async (uri) => {
        const handle = await handleIn(uri);
        if (handle !== undefined && !map.has(handle)) map.set(handle, uri);
      }),
    );
    return map;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watcher.dispose();
    this.changed.dispose();
  }
}

/** The handle a bot file declares, or undefined when it is gone, unreadable or has none. */
async function handleIn(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return readBotFile(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))).handle;
  } catch {
    return undefined; /* gone or unreadable: not a bot file we can use */
  }
}
