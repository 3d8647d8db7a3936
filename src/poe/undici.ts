// undici, loaded on the first request rather than at activation. In dist/ it is a file of its own (see esbuild.js),
// so nothing of it is even read until a command talks to the network.

export type Undici = typeof import('undici');

let loaded: Undici | undefined;

export function loadUndici(): Promise<Undici> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a sibling file in dist/, read on first use
  return Promise.resolve().then(() => (loaded ??= require('undici') as Undici));
}
