// The Poe account as the editor knows it: its bots as last listed, its point balance, which key it uses, and the
// state that drives the Bots view's welcome views. The tree shows it; Try Bot, Check Endpoint and the bot picker read
// it. States are data: a load sets one state (and the poeBots.state context key) and never shows a notification.

import * as vscode from 'vscode';
import { currentBalance, isPoeApiError, type Bot } from '../poe';
import type { AddressPolicy } from './address';
import type { Api } from './api';
import type { Log } from './log';
import type { KeySource, KeyStore } from './secrets';

export type AccountState = 'noKey' | 'loading' | 'ready' | 'empty' | 'invalidKey' | 'notEnabled' | 'offline';

export async function publishState(state: AccountState): Promise<void> {
  await vscode.commands.executeCommand('setContext', 'poeBots.state', state);
}

/** The state a failed list call leaves the account in; anything not about the key or the account is "offline". */
export function stateForError(e: unknown): AccountState {
  if (isPoeApiError(e, 'auth')) return 'invalidKey';
  if (isPoeApiError(e, 'notEnabled')) return 'notEnabled';
  return 'offline';
}

export class Account implements vscode.Disposable {
  private _bots: Bot[] = [];
  private _state: AccountState = 'loading';
  private _keySource?: KeySource;
  private _name: string;
  private _balance?: number;
  private _error?: string;
  private load?: Promise<void>;
  private readonly changed = new vscode.EventEmitter<AccountState>();
  /** The state or the balance changed. */
  readonly onDidChange = this.changed.event;
  private readonly invalidated = new vscode.EventEmitter<void>();
  /** What was loaded is out of date (the key or the address changed, or a command asked): the next read loads again. */
  readonly onDidInvalidate = this.invalidated.event;
  private readonly subscriptions: vscode.Disposable[];

  /** `beforeLoad` runs before every load, the key not yet read: where the workspace's account is asked for. */
  constructor(
    private readonly api: Api,
    private readonly keys: KeyStore,
    private readonly log: Log,
    address: AddressPolicy,
    private readonly beforeLoad?: () => Promise<void>,
  ) {
    this._name = keys.active();
    this.subscriptions = [
      keys.onDidChangePoeKey(() => this.invalidate()),
      address.onDidChange(() => this.invalidate()),
    ];
    void publishState('loading');
  }

  get state(): AccountState {
    return this._state;
  }
  get keySource(): KeySource | undefined {
    return this._keySource;
  }
  /** The account's name ("default", "environment", "production"), as of the last load. */
  get name(): string {
    return this._name;
  }
  /** The point balance, when Poe told it (read with every load of the list, and after each Try Bot reply). */
  get balance(): number | undefined {
    return this._balance;
  }
  /** Why the last load failed, in the creator's words (the tree's error row). */
  get error(): string | undefined {
    return this._error;
  }
  /** The bots of the last successful load. */
  bots(): Bot[] {
    return [...this._bots];
  }

  setBalance(points: number | undefined): void {
    this._balance = points;
    this.changed.fire(this._state);
  }

  invalidate(): void {
    this.load = undefined;
    this.invalidated.fire();
  }

  /** Loads now, or joins the load under way, or resolves at once when loaded and still current. */
  ensureLoaded(): Promise<void> {
    return (this.load ??= this.fetch());
  }

  /** Loads again and resolves to the state it ends in. */
  async reload(): Promise<AccountState> {
    this.invalidate();
    await this.ensureLoaded();
    return this._state;
  }

  private async fetch(): Promise<void> {
    try {
      await this.beforeLoad?.();
    } catch (e) {
      this.log.warn(`Asking for the workspace's account failed: ${(e as Error).message}`);
    }
    const key = await this.keys.poeKey();
    this._keySource = key?.source;
    this._name = key?.account ?? this.keys.active();
    this._error = undefined;
    if (!key) {
      this._bots = [];
      await this.setState('noKey');
      return;
    }
    await this.setState('loading');
    try {
      // The balance is read beside the list: a nicety whose failure is logged and never hides the bots.
      const client = this.api.client();
      const [listed, balance] = await Promise.allSettled([client.listBots(), currentBalance(client)]);
      if (listed.status === 'rejected') throw listed.reason;
      this._bots = listed.value;
      this._balance = balance.status === 'fulfilled' ? balance.value : undefined;
      if (balance.status === 'rejected')
        this.log.warn(`Reading the point balance failed: ${(balance.reason as Error).message}`);
      await this.setState(this._bots.length ? 'ready' : 'empty');
    } catch (e) {
      this.log.warn(`Listing bots failed: ${(e as Error).message}`);
      this._bots = [];
      this._error = (e as Error).message;
      await this.setState(stateForError(e));
    }
  }

  private async setState(state: AccountState): Promise<void> {
    this._state = state;
    await publishState(state);
    this.changed.fire(state);
  }

  dispose(): void {
    this.changed.dispose();
    this.invalidated.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
