// One Try Bot panel per handle: the webview's lifecycle, the messages it sends (checked on arrival, since a webview is
// untrusted), and the conversation the panel owns. Every message goes out through an injected route; Stop, closing
// the panel and the reply timeout share one AbortController.

import * as vscode from 'vscode';
import { acceptValue, initialValues, mergeValues, type ParamValues } from '../../botfile/controlValues';
import type { Log } from '../log';
import { Conversation } from './conversation';
import { panelPage } from '../panelPage';
import { panelTitle } from './labels';
import { renderMarkdown } from './markdown';
import { MAX_TEXT, parseFromWebview, type FromWebview, type RouteId, type ToWebview } from './protocol';
import { runReply } from './reply';
import { defaultRoute, paramsFor, requestView, type PanelModel } from './request';
import type { TryBotSource } from './route';
import { viewState } from './view';
import { TRY_BOT_VIEW_TYPE } from './viewType';
import { isObj } from '../../poe/json';

export type PanelLog = Pick<Log, 'warn' | 'debug'>;
export type OpenLink = (uri: vscode.Uri) => Thenable<boolean>;

const REPLY_TIMEOUT_MS = 5 * 60_000;

/** Where the webview may load from: the built script and stylesheet, nothing else. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'media', 'try-bot')] };
}

export class TryBotPanel implements vscode.Disposable {
  private static readonly open = new Map<string, TryBotPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly conversation = new Conversation();
  private values: ParamValues;
  private route: RouteId | undefined;
  private draft = '';
  private balance?: number;
  private running?: AbortController;
  private disposed = false;

  /** Opens the panel for the source's handle beside the editor, or reveals the one already open. */
  static show(
    context: vscode.ExtensionContext,
    source: TryBotSource,
    log: PanelLog,
    openLink: OpenLink = vscode.env.openExternal,
  ): TryBotPanel {
    const existing = TryBotPanel.open.get(source.handle);
    if (existing) {
      source.dispose?.();
      existing.panel.reveal(vscode.ViewColumn.Beside);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      TRY_BOT_VIEW_TYPE,
      panelTitle(source.handle),
      vscode.ViewColumn.Beside,
      { ...webviewOptions(context.extensionUri), enableFindWidget: true },
    );
    return new TryBotPanel(panel, context.extensionUri, source, log, openLink);
  }

  /** A panel VS Code restores after a restart, with the state its webview last saved. */
  static revive(
    panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    source: TryBotSource,
    log: PanelLog,
    saved: unknown,
    openLink: OpenLink = vscode.env.openExternal,
  ): TryBotPanel {
    TryBotPanel.open.get(source.handle)?.dispose();
    panel.webview.options = webviewOptions(context.extensionUri);
    return new TryBotPanel(panel, context.extensionUri, source, log, openLink, saved);
  }

  /** The open panel for a handle, if any. */
  static get(handle: string): TryBotPanel | undefined {
    return TryBotPanel.open.get(handle);
  }

  /** The panel in front, if a Try Bot panel is. */
  static active(): TryBotPanel | undefined {
    return [...TryBotPanel.open.values()].find((p) => p.panel.active);
  }

  /** The conversation as it was sent, and the control values when the route sends them (for Save as Test). */
  snapshot(): {
    handle: string;
    messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
    parameters?: ParamValues;
  } {
    const model = this.model();
    return {
      handle: this.source.handle,
      messages: this.conversation.messages(),
      parameters: model.route?.paramsEditable ? { ...this.values } : undefined,
    };
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly source: TryBotSource,
    private readonly log: PanelLog,
    private readonly openLink: OpenLink,
    saved?: unknown,
  ) {
    TryBotPanel.open.set(source.handle, this);
    const view = isObj(saved) && isObj(saved.view) ? saved.view : {};
    this.values = mergeValues(source.bot(), isObj(view.controls) ? view.controls.values : undefined);
    this.route = defaultRoute(source.routes(), view.route);
    this.conversation.restore(view);
    for (const t of this.conversation.turns) if (t.role === 'assistant' && t.text) t.html = renderMarkdown(t.text);
    if (isObj(saved) && typeof saved.draft === 'string' && saved.draft.length <= MAX_TEXT) this.draft = saved.draft;
    const assets = vscode.Uri.joinPath(extensionUri, 'dist', 'media', 'try-bot');
    panel.webview.html = panelPage({
      body: '<div id="app"></div>',
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(assets, 'main.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(assets, 'style.css')).toString(),
      title: panelTitle(source.handle),
      lang: vscode.env.language,
    });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      source.onDidChange(() => this.refresh()),
    );
  }

  get handle(): string {
    return this.source.handle;
  }

  /** Stops a reply in progress, if any. */
  stop(): void {
    this.running?.abort();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.running?.abort();
    if (TryBotPanel.open.get(this.source.handle) === this) TryBotPanel.open.delete(this.source.handle);
    this.source.dispose?.();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private model(): PanelModel {
    const routes = this.source.routes();
    return {
      handle: this.source.handle,
      bot: this.source.bot(),
      routes,
      route: routes.find((r) => r.id === this.route),
      values: this.values,
      conversation: this.conversation,
      draft: this.draft,
      busy: this.running !== undefined,
      balance: this.balance,
    };
  }

  private post(message: ToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private postState(): void {
    this.post({ type: 'state', state: viewState(this.model()) });
  }

  /** The file changed: keep every value that still fits, take defaults for new controls. */
  private refresh(): void {
    const routes = this.source.routes();
    this.values = mergeValues(this.source.bot(), this.values);
    if (!routes.some((r) => r.id === this.route)) this.route = defaultRoute(routes);
    this.postState();
  }

  private receive(raw: unknown): void {
    const m = parseFromWebview(raw);
    if (m) {
      this.dispatch(m);
      return;
    }
    const type = isObj(raw) ? String(raw.type).slice(0, 40) : typeof raw;
    this.log.warn(`Try ${this.source.handle}: ignored a message the panel does not send (${type}).`);
  }

  private dispatch(m: FromWebview): void {
    switch (m.type) {
      case 'ready':
        this.postState();
        return;
      case 'send':
        void this.send(m.text);
        return;
      case 'stop':
        this.stop();
        return;
      case 'newConversation':
        this.stop();
        this.conversation.clear();
        this.postState();
        return;
      case 'setRoute':
        if (this.source.routes().some((r) => r.id === m.route)) {
          this.route = m.route;
          this.postState();
        }
        return;
      case 'resetValues':
        this.values = initialValues(this.source.bot());
        this.postState();
        return;
      case 'setValue':
        this.setValue(m.name, m.value);
        return;
      case 'draft':
        this.draft = m.text;
        this.post({ type: 'request', request: requestView(this.model()) });
        return;
      case 'openLink':
        void this.openLink(vscode.Uri.parse(m.href, true));
        return;
    }
  }

  private setValue(name: string, value: unknown): void {
    const model = this.model();
    if (!model.route?.paramsEditable) return; // read-only through Poe
    const v = acceptValue(model.bot, name, value);
    if (v === undefined) return;
    this.values = { ...this.values, [name]: v };
    const { controls, request } = viewState(this.model());
    this.post({ type: 'controls', values: controls.values, hidden: controls.hidden, request });
  }

  private async send(text: string): Promise<void> {
    const model = this.model();
    const route = model.route;
    if (this.running || !route?.available) return;
    const messages = [...this.conversation.messages(), { role: 'user' as const, content: text }];
    const params = paramsFor(model);
    this.conversation.addUser(text);
    const turn = this.conversation.addReply();
    const controller = (this.running = new AbortController());
    this.draft = '';
    this.postState();
    const result = await runReply({
      route,
      messages,
      params,
      turn,
      controller,
      timeoutMs: REPLY_TIMEOUT_MS,
      post: (m) => this.post(m),
    });
    if (this.running === controller) this.running = undefined;
    if (result?.balance !== undefined) this.balance = result.balance;
    if (turn.error) this.log.warn(`Try ${this.source.handle} (${route.id}): ${turn.error}`);
    this.postState();
  }
}
