// The bots tree: the account (account.ts) as rows. States are data, the account's; getChildren never shows a
// notification. A bot being worked on spins on its own row.

import * as vscode from 'vscode';
import type { Bot } from '../../poe';
import type { Account } from '../account';
import type { BotFileIndex } from '../botFiles';
import type { KeySource } from '../secrets';
import type { AddressPolicy } from '../address';
import { Command } from '../commandIds';
import { botItem, botTooltip, errorItem, noticeItem, type BotNode } from './items';
import type { TreeState } from './state';

export class BotsTree implements vscode.TreeDataProvider<BotNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<BotNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly busy = new Set<string>();
  private nodes = new Map<string, BotNode>();
  private load?: Promise<BotNode[]>;
  /** The account's state changed (or its balance): what the view's message line and welcome views follow. */
  readonly onDidChangeState: vscode.Event<TreeState>;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly account: Account,
    private readonly files: BotFileIndex,
    private readonly address: AddressPolicy,
  ) {
    this.onDidChangeState = account.onDidChange;
    this.subscriptions.push(
      account.onDidInvalidate(() => {
        this.load = undefined;
        this.changed.fire(undefined);
      }),
      files.onDidChange(() => this.changed.fire(undefined)),
    );
  }

  // What the view shows, as the account has it.
  get state(): TreeState {
    return this.account.state;
  }
  get balance(): number | undefined {
    return this.account.balance;
  }
  get keySource(): KeySource | undefined {
    return this.account.keySource;
  }
  bots(): Bot[] {
    return this.account.bots();
  }

  /** Shows the account again, loading it afresh. */
  refresh(): void {
    this.account.invalidate();
  }

  /** Loads now (or joins the load under way) and resolves to the state it ends in. */
  async reload(): Promise<TreeState> {
    this.refresh();
    await this.children();
    return this.state;
  }

  setBusy(handle: string, busy: boolean): void {
    if (busy) this.busy.add(handle);
    else this.busy.delete(handle);
    const node = this.nodes.get(handle);
    if (node) this.changed.fire(node);
  }

  async getTreeItem(node: BotNode): Promise<vscode.TreeItem> {
    if (node.kind === 'error') return errorItem(node.message);
    if (node.kind === 'notice') return noticeItem(node);
    // The row's mark reads the index as it stands (the watcher repaints it); actions ask fileFor, which checks.
    return botItem(node.bot, {
      busy: this.busy.has(node.bot.handle),
      file: (await this.files.handles()).get(node.bot.handle),
    });
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
    return (this.load ??= this.account.ensureLoaded().then(() => {
      this.nodes = new Map(this.account.bots().map((bot) => [bot.handle, { kind: 'bot', bot } as BotNode]));
      const error: BotNode[] =
        this.account.state === 'offline' ? [{ kind: 'error', message: this.account.error ?? '' }] : [];
      return [...this.notices(), ...error, ...this.nodes.values()];
    }));
  }

  /** A workspace address waiting for the creator's decision comes first, whatever the state. */
  private notices(): BotNode[] {
    const ignored = this.address.current().ignored;
    if (ignored?.reason !== 'notApproved') return [];
    return [
      {
        kind: 'notice',
        command: Command.reviewApiBaseUrl,
        message: vscode.l10n.t('This workspace asks to use {0}: review', ignored.url),
        tooltip: vscode.l10n.t(
          'Its settings set poeBots.apiBaseUrl to {0}. Your Poe key is not sent there unless you allow it.',
          ignored.url,
        ),
      },
    ];
  }

  dispose(): void {
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
