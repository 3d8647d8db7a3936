// The Poe API keys and the endpoint secrets, in VS Code's SecretStorage under names fixed from day one: the account
// "default" in poeBots.apiKey (as before accounts), each named account in poeBots.apiKey.<name>, endpoint secrets in
// poeBots.endpoint.<NAME>. POE_API_KEY from the environment is the account "environment", and the fallback of
// "default" when it has no stored key (as before). Which account is in use is a name: this workspace's last choice,
// else the creator's last choice anywhere; never a key.

import * as vscode from 'vscode';
import { secretStorageName } from '../botfile/secrets';
import type { Log } from './log';

export const POE_KEY_SECRET = 'poeBots.apiKey';
export const DEFAULT_ACCOUNT = 'default';
export const ENVIRONMENT_ACCOUNT = 'environment';
export type KeySource = 'stored' | 'environment';

/** The secret an account's key is stored under. */
export const accountSecret = (name: string) =>
  name === DEFAULT_ACCOUNT ? POE_KEY_SECRET : `${POE_KEY_SECRET}.${name}`;

/** Why a new account's name cannot be used, or undefined. Names are short words: they appear in titles and files. */
export function accountNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/.test(name))
    return vscode.l10n.t('A name is 1 to 32 letters, digits, "-" or "_", starting with a letter or digit.');
  if (name === DEFAULT_ACCOUNT) return vscode.l10n.t('"default" is the key of "Poe: Set API Key".');
  if (name === ENVIRONMENT_ACCOUNT)
    return vscode.l10n.t('"environment" is the key of the POE_API_KEY environment variable.');
  return undefined;
}

export interface PoeKey {
  key: string;
  source: KeySource;
  /** The account's name: "default", "environment", "production". */ account: string;
}

export interface AccountInfo {
  name: string;
  hasKey: boolean;
  source?: KeySource;
}

const NAMES = 'poeBots.accounts';
const ACTIVE = 'poeBots.activeAccount';

export class KeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the Poe key in use changes (a key stored or removed, in this window or any other; a switch). */
  readonly onDidChangePoeKey = this.changed.event;
  private readonly subscription: vscode.Disposable;

  /** `user` remembers the creator's account names and last choice; `workspace` this workspace's choice. */
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
    private readonly user?: vscode.Memento,
    private readonly workspace?: vscode.Memento,
  ) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === POE_KEY_SECRET || e.key.startsWith(`${POE_KEY_SECRET}.`)) this.changed.fire();
    });
  }

  /** The name of the account in use. */
  active(): string {
    return this.workspace?.get<string>(ACTIVE) ?? this.user?.get<string>(ACTIVE) ?? DEFAULT_ACCOUNT;
  }

  /** The named accounts the creator added, in the order added. */
  names(): string[] {
    return [...(this.user?.get<string[]>(NAMES) ?? [])];
  }

  /** Every account there is: "default", each named one, and "environment" when POE_API_KEY is set. */
  async accounts(): Promise<AccountInfo[]> {
    const out: AccountInfo[] = [];
    for (const name of [DEFAULT_ACCOUNT, ...this.names()]) {
      const hasKey = !!(await this.secrets.get(accountSecret(name)));
      out.push({ name, hasKey, source: hasKey ? 'stored' : undefined });
    }
    if (environmentKey()) out.push({ name: ENVIRONMENT_ACCOUNT, hasKey: true, source: 'environment' });
    return out;
  }

  async switchTo(name: string): Promise<void> {
    await this.workspace?.update(ACTIVE, name);
    await this.user?.update(ACTIVE, name);
    this.changed.fire();
  }

  async poeKey(): Promise<PoeKey | undefined> {
    const account = this.active();
    const env = environmentKey();
    if (account === ENVIRONMENT_ACCOUNT)
      return env ? this.masked({ key: env, source: 'environment', account }) : undefined;
    const stored = await this.secrets.get(accountSecret(account));
    if (stored) return this.masked({ key: stored, source: 'stored', account });
    // Only "default" falls back to the environment, as before accounts: a named account never borrows another key.
    if (account === DEFAULT_ACCOUNT && env)
      return this.masked({ key: env, source: 'environment', account: ENVIRONMENT_ACCOUNT });
    return undefined;
  }

  private masked(k: PoeKey): PoeKey {
    this.log.maskSecrets(k.key);
    return k;
  }

  /** Stores the key of the account in use ("default" when that is the environment's). */
  async storePoeKey(key: string): Promise<void> {
    const account = this.active();
    await this.storeAccountKey(account === ENVIRONMENT_ACCOUNT ? DEFAULT_ACCOUNT : account, key);
  }

  async storeAccountKey(name: string, key: string): Promise<void> {
    this.log.maskSecrets(key);
    await this.secrets.store(accountSecret(name), key);
    if (name !== DEFAULT_ACCOUNT && !this.names().includes(name))
      await this.user?.update(NAMES, [...this.names(), name]);
  }

  /** Removes the stored key of the account in use (the account "default" when that is the environment's). */
  async clearPoeKey(): Promise<void> {
    const account = this.active();
    await this.secrets.delete(accountSecret(account === ENVIRONMENT_ACCOUNT ? DEFAULT_ACCOUNT : account));
  }

  /** Forgets an account and its key; the account in use, if it was this one, becomes "default". */
  async removeAccount(name: string): Promise<void> {
    if (name === ENVIRONMENT_ACCOUNT) return;
    await this.secrets.delete(accountSecret(name));
    await this.user?.update(
      NAMES,
      this.names().filter((n) => n !== name),
    );
    if (this.active() === name) await this.switchTo(DEFAULT_ACCOUNT);
    else this.changed.fire();
  }

  async endpointSecret(name: string): Promise<string | undefined> {
    const v = await this.secrets.get(secretStorageName(name));
    this.log.maskSecrets(v);
    return v;
  }

  async storeEndpointSecret(name: string, value: string): Promise<void> {
    this.log.maskSecrets(value);
    await this.secrets.store(secretStorageName(name), value);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

const environmentKey = () => process.env.POE_API_KEY?.trim() || undefined;
