// Builds the Bots API client from the current settings and key. One limiter is shared by every client, so bulk work
// from any command stays under Poe's rate limit together.

import * as vscode from 'vscode';
import { DEFAULT_BASE_URL, PoeBotsClient, RateLimiter, parseBaseUrl } from '../poe';
import type { KeyStore } from './keys';
import type { Log } from './log';

export class Api {
  private readonly limiter = new RateLimiter();
  private cached?: { baseUrl: string; client: PoeBotsClient };

  constructor(private readonly keys: KeyStore, private readonly log: Log, private readonly version: string) {}

  baseUrlSetting(): string {
    return vscode.workspace.getConfiguration('poeBots').get<string>('apiBaseUrl')?.trim() || DEFAULT_BASE_URL;
  }

  /** The client for the configured address; throws a BaseUrlError for an address that is not allowed. */
  client(): PoeBotsClient {
    const baseUrl = this.baseUrlSetting();
    if (this.cached?.baseUrl !== baseUrl) {
      parseBaseUrl(baseUrl);
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
}
