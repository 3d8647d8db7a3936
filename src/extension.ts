// Wiring only: build the services, register the tree, the commands and the editor features. Nothing here talks to
// Poe: the tree loads when it is first shown, and undici is loaded with the first request.

import * as vscode from 'vscode';
import { DEFAULT_BASE_URL } from './poe';
import { AddressPolicy } from './workbench/address';
import { Api } from './workbench/api';
import { Baselines } from './workbench/baselines';
import { EditorBaselines } from './workbench/lockBaselines';
import { BotFileIndex } from './workbench/botFiles';
import { registerAgentTools } from './workbench/agentTools/register';
import { loadAgentTools } from './workbench/lazy';
import { registerCommands } from './workbench/commands/register';
import { commandTable } from './workbench/commands/table';
import { BotFileDiagnostics } from './workbench/editor/diagnostics';
import { BOT_FILES, moveKeyFix, paramNameCompletion, priceHover, pushLens } from './workbench/editor/languageFeatures';
import { PushDiagnostics } from './workbench/editor/pushDiagnostics';
import { REMOTE_SCHEME, RemoteDocuments } from './workbench/editor/remoteDocument';
import { SCHEMA_SCHEME, SchemaDocument } from './workbench/editor/schemaDocument';
import { registerBotTests, type BotTests } from './workbench/botTests/register';
import { KeyStore } from './workbench/secrets';
import { askForWorkspaceAccount, wantedElsewhere } from './workbench/apiKey/workspaceAccount';
import { affects } from './workbench/settings';
import { accountName } from './sync/describe';
import { Log } from './workbench/log';
import type { Services } from './workbench/services';
import { Account } from './workbench/account';
import { BotsTree } from './workbench/tree/botsTree';
import { ui, type Ui } from './workbench/ui';
import { registerTryBotSerializer } from './workbench/panelLoader';
import { fileSource, sourceFor } from './workbench/tryBot/source';
import type { TryBotSource } from './workbench/panels';

export interface PoeBotsExtensionApi {
  /** For the in-editor tests only: answer the extension's questions without a person. */
  readonly testing: {
    ui: Ui;
    services: Services;
    /** What Try Bot would talk to for a handle or a bot file, with its routes. */
    tryBotSource(target: string | vscode.Uri): Promise<TryBotSource | undefined>;
    /** The Testing view's bot tests: the tree it discovers and what its Run does. */
    botTests: BotTests;
    /** A language-model tool's prepareInvocation, as VS Code calls it before asking the creator. */
    prepareTool(name: string, input: unknown): Promise<vscode.PreparedToolInvocation>;
  };
}

export function activate(context: vscode.ExtensionContext): PoeBotsExtensionApi | undefined {
  // An installed extension exposes nothing: another extension must not be able to answer our confirmations.
  const developing = context.extensionMode !== vscode.ExtensionMode.Production;
  const log = new Log(developing);
  const keys = new KeyStore(context.secrets, log, context.globalState, context.workspaceState);
  const address = new AddressPolicy(context.workspaceState);
  const api = new Api(keys, log, String(context.extension.packageJSON.version ?? '0'), address);
  const files = new BotFileIndex();
  // The workspace's account (poeBots.account) is asked for before a load, once per name: services exist by then.
  const account = new Account(api, keys, log, address, () => askForWorkspaceAccount(services));
  const tree = new BotsTree(account, files, address);
  const remote = new RemoteDocuments(api);
  const pushDiagnostics = new PushDiagnostics();
  const services: Services = {
    context,
    log,
    keys,
    api,
    account,
    tree,
    files,
    baselines: new EditorBaselines(
      new Baselines(context.workspaceState, context.secrets),
      async () => (await keys.poeKey())?.key,
      async () => (await keys.poeKey())?.account ?? keys.active(),
    ),
    pushDiagnostics,
    remote,
  };

  const view = vscode.window.createTreeView('poeBots.bots', { treeDataProvider: tree, showCollapseAll: false });
  // A view alone in its container shows no description: what the creator must know goes in its message line. A
  // message hides the welcome views, so in their states the address is told by a welcome paragraph instead.
  const describeView = () => {
    const welcome =
      account.state === 'noKey' ||
      account.state === 'invalidKey' ||
      account.state === 'notEnabled' ||
      account.state === 'empty';
    const waiting = address.current().ignored?.reason === 'notApproved';
    const fromEnv = account.keySource === 'environment' && account.state === 'ready';
    const balance =
      account.state === 'ready' && account.balance !== undefined
        ? vscode.l10n.t('Balance: {0} points.', account.balance.toLocaleString(vscode.env.language))
        : undefined;
    // The title always names the account; the message line only outside the welcome states (it would hide them).
    const wanted = welcome ? undefined : wantedElsewhere(services);
    const lines = [
      welcome ? undefined : vscode.l10n.t('Account: {0}.', account.name),
      balance,
      wanted
        ? vscode.l10n.t('This workspace is for the account "{0}": Switch Account… to use it.', accountName(wanted))
        : undefined,
      welcome && !waiting ? undefined : address.describe(),
      fromEnv
        ? vscode.l10n.t('Using the key from the POE_API_KEY environment variable. Set API Key to store one instead.')
        : undefined,
    ];
    // Alone in the Poe Bots container, the view's title reads "Poe Bots: production".
    view.title = account.name;
    view.message = lines.filter(Boolean).join(' ') || undefined;
    void vscode.commands.executeCommand(
      'setContext',
      'poeBots.customAddress',
      address.current().url !== DEFAULT_BASE_URL,
    );
  };
  describeView();
  context.subscriptions.push(
    log,
    keys,
    address,
    api,
    files,
    account,
    tree,
    remote,
    pushDiagnostics,
    view,
    account.onDidChange(describeView),
    address.onDidChange(describeView),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, 'account')) {
        account.invalidate();
        describeView();
      }
    }),
    new BotFileDiagnostics(),
    vscode.workspace.registerTextDocumentContentProvider(REMOTE_SCHEME, remote),
    vscode.workspace.registerTextDocumentContentProvider(SCHEMA_SCHEME, new SchemaDocument(context.extensionUri)),
    vscode.languages.registerHoverProvider(BOT_FILES, priceHover),
    vscode.languages.registerCompletionItemProvider(BOT_FILES, paramNameCompletion, '"'),
    vscode.languages.registerCodeLensProvider(BOT_FILES, pushLens),
    vscode.languages.registerCodeActionsProvider(BOT_FILES, moveKeyFix, {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
  );
  registerCommands(context, log, commandTable(services));
  const botTests = (services.botTests = registerBotTests(services));
  context.subscriptions.push(botTests);
  context.subscriptions.push(registerAgentTools(services));
  context.subscriptions.push(
    registerTryBotSerializer(
      context,
      log,
      (handle) => sourceFor(services, handle),
      (target) => ui.openExternal(target),
    ),
  );
  const tryBotSource = (target: string | vscode.Uri) =>
    typeof target === 'string' ? sourceFor(services, target) : fileSource(services, target);
  const prepareTool = (name: string, input: unknown) =>
    loadAgentTools().prepare(services, name, input, new vscode.CancellationTokenSource().token);
  return developing ? { testing: { ui, services, tryBotSource, botTests, prepareTool } } : undefined;
}

export function deactivate(): void {}
