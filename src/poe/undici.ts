// undici, loaded on the first request rather than at activation. In dist/ it is a file of its own
// (scripts/entries/undici.js), holding only these members: a use of another is a type error here, not a crash there.

type Full = typeof import('undici');
export interface Undici {
  Agent: Full['Agent'];
  EnvHttpProxyAgent: Full['EnvHttpProxyAgent'];
  interceptors: Pick<Full['interceptors'], 'retry'>;
  request: Full['request'];
}

let loaded: Undici | undefined;

export function loadUndici(): Promise<Undici> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a sibling file in dist/, read on first use
  return Promise.resolve().then(() => (loaded ??= require('undici') as Undici));
}
