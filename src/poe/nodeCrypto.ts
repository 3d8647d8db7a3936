// node:crypto, read on first use: neither the extension's activation nor the command line's start pays for loading it
// (it brings Node's streams with it, a few milliseconds of every start).

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const nodeCrypto = () => require('node:crypto') as typeof import('node:crypto');
