// The editor's memory of past pulls and pushes: a workspace folder's poe-bots.lock.json when it has one (the same
// file the command line reads and writes, so a teammate's or CI's push reads as theirs, not as a change on Poe), and
// workspace state (baselines.ts) for a folder without one. Lock files are read again at the start of every flow.

import * as vscode from 'vscode';
import { LOCK_FILE_NAME, LockStore, type Baseline, type BaselineStore, type BotFileRef } from '../sync';
import type { Baselines } from './baselines';

export class EditorBaselines implements BaselineStore {
  private readonly locks = new Map<string, LockStore>();

  constructor(
    readonly state: Baselines,
    private readonly poeKey: () => Promise<string | undefined>,
    private readonly accountName: () => Promise<string | undefined> = async () => undefined,
  ) {}

  async load(): Promise<void> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, LOCK_FILE_NAME);
      const exists = await vscode.workspace.fs.stat(uri).then(
        () => true,
        () => false,
      );
      const id = folder.uri.toString();
      if (!exists) {
        this.locks.delete(id);
        continue;
      }
      const lock =
        this.locks.get(id) ??
        new LockStore({
          disk: {
            label: vscode.workspace.asRelativePath(uri),
            read: async () => {
              try {
                return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
              } catch {
                return undefined;
              }
            },
            write: async (text) => {
              await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
            },
          },
          relative: (f) => relativeTo(folder.uri, vscode.Uri.parse(f.id)),
          poeKey: this.poeKey,
          account: this.accountName,
        });
      await lock.load();
      this.locks.set(id, lock);
    }
  }

  private lockFor(file: BotFileRef): LockStore | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(file.id));
    return folder && this.locks.get(folder.uri.toString());
  }

  private storeFor(file: BotFileRef): BaselineStore {
    return this.lockFor(file) ?? this.state;
  }

  /** Only a lock file remembers an account: workspace state is this creator's alone. */
  accountFor(file: BotFileRef): string | undefined {
    return this.lockFor(file)?.account;
  }
  async recordAccount(file: BotFileRef): Promise<void> {
    await this.lockFor(file)?.recordAccount();
  }

  get(file: BotFileRef, handle?: string): Baseline | undefined {
    return this.storeFor(file).get(file, handle);
  }
  set(file: BotFileRef, baseline: Baseline): Promise<void> {
    return this.storeFor(file).set(file, baseline);
  }
  hashKey(key: string, file: BotFileRef): Promise<string> {
    return this.storeFor(file).hashKey(key, file);
  }
}

function relativeTo(folder: vscode.Uri, file: vscode.Uri): string {
  const base = folder.path.replace(/\/+$/, '');
  return file.path.startsWith(`${base}/`) ? file.path.slice(base.length + 1) : file.path;
}
