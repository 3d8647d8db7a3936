// The Poe API key and the endpoint secrets, in VS Code's SecretStorage under names fixed from day one
// (poeBots.apiKey, poeBots.endpoint.<NAME>). When nothing is stored, POE_API_KEY from the environment is used.

import * as vscode from 'vscode';
import { secretStorageName } from '../botfile/secrets';
import type { Log } from './log';

export const POE_KEY_SECRET = 'poeBots.apiKey';
export type KeySource = 'stored' | 'environment';

export class KeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the Poe key changes, in this window or any other. */
  readonly onDidChangePoeKey = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage, private readonly log: Log) {
    this.subscription = secrets.onDidChange((e) => { if (e.key === POE_KEY_SECRET) this.changed.fire(); });
  }

  async poeKey(): Promise<{ key: string; source: KeySource } | undefined> {
    const stored = await this.secrets.get(POE_KEY_SECRET);
    if (stored) { this.log.maskSecrets(stored); return { key: stored, source: 'stored' }; }
    const env = process.env.POE_API_KEY?.trim();
    if (env) { this.log.maskSecrets(env); return { key: env, source: 'environment' }; }
    return undefined;
  }

  async storePoeKey(key: string): Promise<void> {
    this.log.maskSecrets(key);
    await this.secrets.store(POE_KEY_SECRET, key);
  }

  async clearPoeKey(): Promise<void> { await this.secrets.delete(POE_KEY_SECRET); }

  async endpointSecret(name: string): Promise<string | undefined> {
    const v = await this.secrets.get(secretStorageName(name));
    this.log.maskSecrets(v);
    return v;
  }

  async storeEndpointSecret(name: string, value: string): Promise<void> {
    this.log.maskSecrets(value);
    await this.secrets.store(secretStorageName(name), value);
  }

  dispose(): void { this.subscription.dispose(); this.changed.dispose(); }
}
