// Where the Bots API lives. Only https, so a key never crosses the network in clear; plain http only on this machine
// (the local fake Poe server used by tests and the sandbox).

export const DEFAULT_BASE_URL = 'https://api.poe.com';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export class BaseUrlError extends Error {
  override readonly name = 'BaseUrlError';
}

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export function parseBaseUrl(value: string | URL | undefined): URL {
  const text = (value ?? '').toString().trim() || DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new BaseUrlError(`"${text}" is not a URL. Set poeBots.apiBaseUrl to https://api.poe.com.`);
  }
  if (url.username || url.password)
    throw new BaseUrlError('poeBots.apiBaseUrl must not contain a user name or password.');
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  throw new BaseUrlError(
    `poeBots.apiBaseUrl must use https (plain http only for a local test server on 127.0.0.1 or localhost); got "${url.origin}".`,
  );
}

/** The full URL of an API path, keeping any path prefix of the base URL. */
export function apiUrl(base: URL, path: string): string {
  return base.origin + base.pathname.replace(/\/+$/, '') + path;
}
