// The only part of the panels that activation reads: the serializer VS Code needs registered at start, and a loader
// that requires the panels' code (dist/panels.js) the first time a panel opens or comes back after a restart.

import * as vscode from 'vscode';
import type * as Panels from './panels';
import type { OpenLink, PanelLog, TryBotSource } from './panels';
import { TRY_BOT_VIEW_TYPE } from './tryBot/viewType';

let loaded: typeof Panels | undefined;

export function loadPanels(): typeof Panels {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a sibling file in dist/, read on first use
  return (loaded ??= require('./panels') as typeof Panels);
}

/** Opens (or reveals) the Try Bot panel for a source, reading the panels' code on first use. */
export function showTryBot(
  context: vscode.ExtensionContext,
  source: TryBotSource,
  log: PanelLog,
  openLink?: OpenLink,
): void {
  loadPanels().TryBotPanel.show(context, source, log, openLink);
}

/** Opens (or reveals) the Check Endpoint report for a handle and runs the check in it. */
export function runEndpointCheck(
  extensionUri: vscode.Uri,
  handle: string,
  baseUrl: string,
  check: Panels.CheckRun,
): Promise<import('../endpoint').CheckReport | undefined> {
  return loadPanels().CheckEndpointPanel.run(extensionUri, handle, baseUrl, check);
}

/** The handle a saved Try Bot panel was for (the state is what our own webview saved, checked all the same). */
export function savedHandle(state: unknown): string | undefined {
  const view =
    typeof state === 'object' && state !== null ? (state as { view?: { handle?: unknown } }).view : undefined;
  const handle = view?.handle;
  return typeof handle === 'string' && handle.length > 0 && handle.length <= 200 ? handle : undefined;
}

/**
 * Restores Try Bot panels after a restart. `sourceFor` gives the bot and routes for a handle, or undefined when the
 * bot is gone: that panel then closes.
 */
export function registerTryBotSerializer(
  context: vscode.ExtensionContext,
  log: PanelLog,
  sourceFor: (handle: string) => Promise<TryBotSource | undefined>,
  openLink?: OpenLink,
): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(TRY_BOT_VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
      const handle = savedHandle(state);
      const source = handle === undefined ? undefined : await sourceFor(handle);
      if (!source) {
        panel.dispose();
        return;
      }
      loadPanels().TryBotPanel.revive(panel, context, source, log, state, openLink);
    },
  });
}
