// One Check Endpoint report per bot, in the editor area: rows appear as each check finishes; Run Again, Cancel and
// Copy (a row's curl) come back as messages, checked on arrival since a webview is untrusted input.

import * as vscode from 'vscode';
import type { CheckReport, CheckRow } from '../../endpoint';
import { reportHtml } from './html';

/** Runs the check once: rows as they come, the report at the end; throws for what stops it before any row. */
export type CheckRun = (onRow: (row: CheckRow) => void, signal: AbortSignal) => Promise<CheckReport>;

export const CHECK_ENDPOINT_VIEW_TYPE = 'poeBots.checkEndpoint';

export class CheckEndpointPanel implements vscode.Disposable {
  private static readonly open = new Map<string, CheckEndpointPanel>();
  private rows: CheckRow[] = [];
  private report?: CheckReport;
  private error?: string;
  private running?: AbortController;
  private readonly disposables: vscode.Disposable[] = [];

  /** Opens (or reveals) the report for a handle and runs the check in it; resolves with the report. */
  static async run(
    extensionUri: vscode.Uri,
    handle: string,
    baseUrl: string,
    check: CheckRun,
  ): Promise<CheckReport | undefined> {
    let panel = CheckEndpointPanel.open.get(handle);
    if (panel) {
      panel.check = check;
      panel.baseUrl = baseUrl;
      panel.panel.reveal();
    } else {
      const webview = vscode.window.createWebviewPanel(
        CHECK_ENDPOINT_VIEW_TYPE,
        vscode.l10n.t('Endpoint check: {0}', handle),
        vscode.ViewColumn.Active,
        {
          enableScripts: true,
          localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'media', 'check-endpoint')],
        },
      );
      panel = new CheckEndpointPanel(webview, extensionUri, handle, baseUrl, check);
    }
    return panel.start();
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly handle: string,
    private baseUrl: string,
    private check: CheckRun,
  ) {
    CheckEndpointPanel.open.set(handle, this);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
    );
  }

  private async start(): Promise<CheckReport | undefined> {
    this.running?.abort();
    const ac = new AbortController();
    this.running = ac;
    this.rows = [];
    this.report = undefined;
    this.error = undefined;
    this.render();
    try {
      this.report = await this.check((row) => {
        if (this.running === ac) {
          this.rows.push(row);
          this.render();
        }
      }, ac.signal);
      this.rows = [...this.report.rows];
      return this.report;
    } catch (e) {
      this.error = e instanceof vscode.CancellationError ? vscode.l10n.t('Not run.') : (e as Error).message;
      throw e;
    } finally {
      if (this.running === ac) this.running = undefined;
      this.render();
    }
  }

  private render(): void {
    const media = vscode.Uri.joinPath(this.extensionUri, 'dist', 'media', 'check-endpoint');
    const w = this.panel.webview;
    w.html = reportHtml({
      cspSource: w.cspSource,
      scriptUri: w.asWebviewUri(vscode.Uri.joinPath(media, 'main.js')).toString(),
      styleUri: w.asWebviewUri(vscode.Uri.joinPath(media, 'style.css')).toString(),
      handle: this.handle,
      baseUrl: this.baseUrl,
      rows: this.rows,
      report: this.report,
      running: this.running !== undefined,
      error: this.error,
    });
  }

  private receive(m: unknown): void {
    const msg = typeof m === 'object' && m !== null ? (m as { type?: unknown; index?: unknown }) : {};
    if (msg.type === 'runAgain' && !this.running) {
      void this.start().catch(() => undefined);
      return;
    }
    if (msg.type === 'cancel') {
      this.running?.abort();
      return;
    }
    if (msg.type === 'copy' && typeof msg.index === 'number' && Number.isInteger(msg.index)) {
      const curl = this.rows[msg.index]?.request;
      if (curl)
        void vscode.env.clipboard
          .writeText(curl)
          .then(() =>
            vscode.window.setStatusBarMessage(
              vscode.l10n.t('Copied the curl command (the key is shown as its reference).'),
              3000,
            ),
          );
    }
  }

  dispose(): void {
    this.running?.abort();
    if (CheckEndpointPanel.open.get(this.handle) === this) CheckEndpointPanel.open.delete(this.handle);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
