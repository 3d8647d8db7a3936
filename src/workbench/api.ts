// Builds the Bots API client for the address the creator chose (see address.ts) and the current key. One limiter is
// shared by every client, so bulk work from any command stays under Poe's rate limit together.

import type { Dispatcher } from 'undici';
import * as vscode from 'vscode';
import { PoeBotsClient, RateLimiter, agentFor, parseBaseUrl, type ProxySettings } from '../poe';
import { loadUndici } from '../poe/undici';
import type { AddressPolicy } from './address';
import type { KeyStore } from './secrets';
import type { Log } from './log';

export class Api implements vscode.Disposable {
  private readonly limiter = new RateLimiter();
  private cached?: { key: string; client: PoeBotsClient };
  private agent?: { key: string; dispatcher: Promise<Dispatcher> };

  constructor(
    private readonly keys: KeyStore,
    private readonly log: Log,
    private readonly version: string,
    readonly address: AddressPolicy,
  ) {}

  /** The address requests go to: the default, the user's setting, or a workspace value the creator approved. */
  baseUrl(): string {
    return this.address.current().url;
  }

  /** The client for that address; throws a BaseUrlError for an address that is not allowed. */
  client(): PoeBotsClient {
    const baseUrl = this.baseUrl();
    const proxy = proxySettings();
    const key = JSON.stringify([baseUrl, proxy]);
    if (this.cached?.key !== key) {
      parseBaseUrl(baseUrl);
      void this.cached?.client.dispose();
      this.cached = {
        key,
        client: new PoeBotsClient({
          baseUrl,
          proxy,
          getKey: async () => (await this.keys.poeKey())?.key,
          limiter: this.limiter,
          userAgent: `poe-bots-vscode/${this.version} vscode/${vscode.version}`,
          log: this.log,
        }),
      };
    }
    return this.cached.client;
  }

  /** For Poe's own /v1 API (Try Bot through Poe): an Agent through the same proxy as the client's. */
  dispatcher(): Promise<Dispatcher> | undefined {
    const proxy = proxySettings();
    if (!proxy) return undefined;
    const key = JSON.stringify(proxy);
    if (this.agent?.key !== key) {
      void this.agent?.dispatcher.then((d) => d.close()).catch(() => undefined);
      this.agent = {
        key,
        dispatcher: loadUndici().then((undici) => agentFor(undici, proxy, { keepAliveTimeout: 10_000 })),
      };
    }
    return this.agent.dispatcher;
  }

  /** Poe's web address of a bot (poe.com/<handle>). */
  static botPage(handle: string): vscode.Uri {
    return vscode.Uri.parse(`https://poe.com/${encodeURIComponent(handle)}`);
  }

  dispose(): void {
    void this.cached?.client.dispose();
    this.cached = undefined;
    void this.agent?.dispatcher.then((d) => d.close()).catch(() => undefined);
    this.agent = undefined;
  }
}

/**
 * VS Code's proxy settings (http.proxy, http.noProxy, http.proxyStrictSSL), which undici does not read by itself;
 * with http.proxy unset, the environment's HTTPS_PROXY / NO_PROXY, as VS Code does. http.proxySupport "off": none.
 */
function proxySettings(): ProxySettings | undefined {
  const http = vscode.workspace.getConfiguration('http');
  if (http.get<string>('proxySupport') === 'off') return undefined;
  const noProxy = http.get<unknown>('noProxy');
  return {
    url: http.get<string>('proxy')?.trim() || undefined,
    noProxy: Array.isArray(noProxy) ? noProxy.filter((h): h is string => typeof h === 'string') : undefined,
    strictSSL: http.get<boolean>('proxyStrictSSL') !== false,
  };
}
