// Read-only documents of remote bots (poebot-remote:/<handle>.poebot.json), fetched when opened, and of texts the
// extension is about to write (previews for diffs). Poe never returns an endpoint key, so neither can these.

import * as vscode from 'vscode';
import { BOT_FILE_SUFFIX, botFileName } from '../../botfile/names';
import { renderBotFile } from '../../botfile/normalize';
import type { Api } from '../api';

export const REMOTE_SCHEME = 'poebot-remote';

export function remoteBotUri(handle: string, variant?: string): vscode.Uri {
  return vscode.Uri.from({ scheme: REMOTE_SCHEME, path: `/${botFileName(handle)}`, query: variant ?? '' });
}

export function handleOf(uri: vscode.Uri): string {
  const name = uri.path.replace(/^\//, '');
  return decodeURIComponent(name.endsWith(BOT_FILE_SUFFIX) ? name.slice(0, -BOT_FILE_SUFFIX.length) : name);
}

export class RemoteDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly previews = new Map<string, string>();
  /** A preview's text is dropped when its editor closes: a long session keeps none it no longer shows. */
  private readonly closed = vscode.workspace.onDidCloseTextDocument((d) => {
    if (d.uri.scheme === REMOTE_SCHEME) this.previews.delete(d.uri.toString());
  });

  constructor(private readonly api: Api) {}

  /** A document showing `text` (e.g. what a pull would write, what a push would send). */
  preview(handle: string, variant: string, text: string): vscode.Uri {
    const uri = remoteBotUri(handle, variant);
    this.previews.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  /** Fetch the remote bot again for open documents of it. */
  invalidate(handle: string): void {
    this.changed.fire(remoteBotUri(handle));
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const preview = this.previews.get(uri.toString());
    if (preview !== undefined) return preview;
    const ac = new AbortController();
    token.onCancellationRequested(() => ac.abort());
    const handle = handleOf(uri);
    const bot = await this.api.client().getBot(handle, { signal: ac.signal });
    return `// ${vscode.l10n.t('"{0}" as it is on Poe (read-only). Poe never returns the endpoint key.', handle)}\n${renderBotFile(bot)}`;
  }

  dispose(): void {
    this.closed.dispose();
    this.previews.clear();
    this.changed.dispose();
  }
}
