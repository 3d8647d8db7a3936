// The network the platform chose: requests to Poe go through the proxy the editor's settings name (http.proxy,
// http.noProxy, http.proxyStrictSSL), or else the one the environment names (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), as
// VS Code and every CLI do. undici's EnvHttpProxyAgent does the choosing and the tunnelling.

import type { Agent, Dispatcher } from 'undici';
import type { Undici } from './undici';

export interface ProxySettings {
  /** A proxy for every request (http.proxy); left out: the environment's HTTPS_PROXY / HTTP_PROXY, if any. */
  url?: string;
  /** Hosts that go direct (http.noProxy); left out or empty: the environment's NO_PROXY. */
  noProxy?: readonly string[];
  /** false: certificates are not verified (http.proxyStrictSSL off, for a proxy that re-signs traffic). */
  strictSSL?: boolean;
}

/** An Agent that honours the proxy settings and the environment; without settings, a plain Agent (no proxy at all). */
export function agentFor(undici: Undici, proxy: ProxySettings | undefined, base: Agent.Options): Dispatcher {
  if (!proxy) return new undici.Agent(base);
  const loose = proxy.strictSSL === false ? { rejectUnauthorized: false } : undefined;
  const url = proxy.url?.trim();
  const noProxy = proxy.noProxy?.map((h) => h.trim()).filter(Boolean) ?? [];
  return new undici.EnvHttpProxyAgent({
    ...base,
    ...(loose ? { connect: loose, requestTls: loose, proxyTls: loose } : {}),
    ...(url ? { httpProxy: url, httpsProxy: url } : {}),
    ...(noProxy.length ? { noProxy: noProxy.join(',') } : {}),
  } as ConstructorParameters<Undici['EnvHttpProxyAgent']>[0]);
}
