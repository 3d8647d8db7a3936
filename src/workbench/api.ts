// Builds the Bots API client for the address the creator chose (see address.ts) and the current key. One limiter is
// shared by every client, so bulk work from any command stays under Poe's rate limit together.

import * as vscode from 'vscode';
import { PoeBotsClient, RateLimiter, parseBaseUrl } from '../poe';
import type { AddressPolicy } from './address';
import type { KeyStore } from './secrets';
import type { Log } from './log';

export class Api implements vscode.Disposable {
  private readonly limiter = new RateLimiter();
  private cached?: { baseUrl: string; client: PoeBotsClient };

  constructor(private readonly keys: KeyStore, private readonly log: Log, private readonly version: string, readonly address: AddressPolicy) {}

  /** The address requests go to: the default, the user's setting, or a workspace value the creator approved. */
  baseUrl(): string {
    return this.address.current().url;
  }

  /** The client for that address; throws a BaseUrlError for an address that is not allowed. */
  client(): PoeBotsClient {
    const baseUrl = this.baseUrl();
    if (this.cached?.baseUrl !== baseUrl) {
      parseBaseUrl(baseUrl);
      void this.cached?.client.dispose();
      this.cached = {
        baseUrl,
        client: new PoeBotsClient({
          baseUrl,
          getKey: async () => (await this.keys.poeKey())?.key,
          limiter: this.limiter,
          userAgent: `poe-bots-vscode/${this.version} vscode/${vscode.version}`,
          log: this.log,
        }),
      };
    }
    return this.cached.client;
  }

  /** Poe's web address of a bot (poe.com/<handle>). */
  static botPage(handle: string): vscode.Uri {
    return vscode.Uri.parse(`https://poe.com/${encodeURIComponent(handle)}`);
  }

  dispose(): void {
    void this.cached?.client.dispose();
    this.cached = undefined;
  }
}
