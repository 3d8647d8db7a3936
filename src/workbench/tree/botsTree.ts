// The bots tree. States are data: each load sets one TreeState (and the poeBots.state context key for the welcome
// views); getChildren never shows a notification. A bot being worked on spins on its own row.

import * as vscode from 'vscode';
import { currentBalance, type Bot } from '../../poe';
import type { Api } from '../api';
import type { BotFileIndex } from '../botFiles';
import type { KeySource, KeyStore } from '../secrets';
import type { Log } from '../log';
import type { AddressPolicy } from '../address';
import { Command } from '../commandIds';
import { botItem, botTooltip, errorItem, noticeItem, type BotNode } from './items';
import { publishState, stateForError, type TreeState } from './state';

export class BotsTree implements vscode.TreeDataProvider<BotNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<BotNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly busy = new Set<string>();
  private nodes = new Map<string, BotNode>();
  private load?: Promise<BotNode[]>;
  private _state: TreeState = 'loading';
  private _keySource?: KeySource;
  private _balance?: number;
  private readonly stateChanged = new vscode.EventEmitter<TreeState>();
  readonly onDidChangeState = this.stateChanged.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly api: Api, private readonly keys: KeyStore, private readonly files: BotFileIndex, private readonly log: Log, private readonly address: AddressPolicy) {
    this.subscriptions.push(
      keys.onDidChangePoeKey(() => this.refresh()),
      files.onDidChange(() => this.changed.fire(undefined)),
      address.onDidChange(() => this.refresh()),
    );
    void publishState('loading');
  }

  get state(): TreeState { return this._state; }
  /** The account's point balance, when Poe told it (read with every load of the list, and after each Try Bot reply). */
  get balance(): number | undefined { return this._balance; }

  setBalance(points: number | undefined): void {
    this._balance = points;
    this.stateChanged.fire(this._state);
  }
  get keySource(): KeySource | undefined { return this._keySource; }

  /** The bots of the last successful load. */
  bots(): Bot[] {
    return [...this.nodes.values()].flatMap((n) => (n.kind === 'bot' ? [n.bot] : []));
  }

  refresh(): void {
    this.load = undefined;
    this.changed.fire(undefined);
  }

  /** Loads now (or joins the load under way) and resolves to the state it ends in. */
  async reload(): Promise<TreeState> {
    this.refresh();
    await this.children();
    return this._state;
  }

  setBusy(handle: string, busy: boolean): void {
    if (busy) this.busy.add(handle); else this.busy.delete(handle);
    const node = this.nodes.get(handle);
    if (node) this.changed.fire(node);
  }

  async getTreeItem(node: BotNode): Promise<vscode.TreeItem> {
    if (node.kind === 'error') return errorItem(node.message);
    if (node.kind === 'notice') return noticeItem(node);
    // The row's mark reads the index as it stands (the watcher repaints it); actions ask fileFor, which checks.
    return botItem(node.bot, { busy: this.busy.has(node.bot.handle), file: (await this.files.handles()).get(node.bot.handle) });
  }

  /** The tooltip is built when the creator hovers a row, not for every bot on every load. */
  async resolveTreeItem(item: vscode.TreeItem, node: BotNode): Promise<vscode.TreeItem> {
    if (node.kind === 'bot') item.tooltip = botTooltip(node.bot, await this.files.fileFor(node.bot.handle));
    return item;
  }

  getChildren(node?: BotNode): Promise<BotNode[]> | BotNode[] {
    return node ? [] : this.children();
  }

  private children(): Promise<BotNode[]> {
    return (this.load ??= this.fetch().then((nodes) => [...this.notices(), ...nodes]));
  }

  /** A workspace address waiting for the creator's decision comes first, whatever the state. */
  private notices(): BotNode[] {
    const ignored = this.address.current().ignored;
    if (ignored?.reason !== 'notApproved') return [];
    return [{
      kind: 'notice', command: Command.reviewApiBaseUrl,
      message: vscode.l10n.t('This workspace asks to use {0}: review', ignored.url),
      tooltip: vscode.l10n.t('Its settings set poeBots.apiBaseUrl to {0}. Your Poe key is not sent there unless you allow it.', ignored.url),
    }];
  }

  private async fetch(): Promise<BotNode[]> {
    const key = await this.keys.poeKey();
    this._keySource = key?.source;
    if (!key) { await this.setState('noKey'); this.nodes.clear(); return []; }
    await this.setState('loading');
    try {
      // The balance is read beside the list: a nicety whose failure is logged and never hides the bots.
      const client = this.api.client();
      const [listed, balance] = await Promise.allSettled([client.listBots(), currentBalance(client)]);
      if (listed.status === 'rejected') throw listed.reason;
      const bots = listed.value;
      this._balance = balance.status === 'fulfilled' ? balance.value : undefined;
      if (balance.status === 'rejected') this.log.warn(`Reading the point balance failed: ${(balance.reason as Error).message}`);
      this.nodes = new Map(bots.map((bot) => [bot.handle, { kind: 'bot', bot } as BotNode]));
      await this.setState(bots.length ? 'ready' : 'empty');
      return [...this.nodes.values()];
    } catch (e) {
      const state = stateForError(e);
      this.log.warn(`Listing bots failed: ${(e as Error).message}`);
      this.nodes.clear();
      await this.setState(state);
      return state === 'offline' ? [{ kind: 'error', message: (e as Error).message }] : [];
    }
  }

  private async setState(state: TreeState): Promise<void> {
    this._state = state;
    await publishState(state);
    this.stateChanged.fire(state);
  }

  dispose(): void {
    this.changed.dispose();
    this.stateChanged.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
