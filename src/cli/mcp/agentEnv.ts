// The agent tools' world on the command line: the folder the server runs in, the Poe key from POE_API_KEY, endpoint
// keys from POE_SECRET_<NAME> and allowed variables, and the CLI's key gate with no one to ask (stdin carries the
// protocol): a key goes only to a host the run allows.

import path from 'node:path';
import { botFileUnder, PlanStore, type AgentEnv } from '../../agent';
import { apiUrl, parseBaseUrl } from '../../poe';
import type { BotFileRef } from '../../sync';
import { account, apiAddress, client, findBotFiles, handleOf, poeKey, readFile } from '../env';
import { keyGate, keySources, type KeyPolicy } from '../keys';
import { writeFileAtomic } from '../writeFile';

export interface CliAgentOptions {
  version: string;
  policy: KeyPolicy;
  root?: string;
  env?: NodeJS.ProcessEnv;
  plans?: PlanStore;
  warn?(message: string): void;
}

export function cliAgentEnv(o: CliAgentOptions): AgentEnv {
  const env = o.env ?? process.env;
  const root = path.resolve(o.root ?? process.cwd());
  const policy: KeyPolicy = { ...o.policy, interactive: false };
  const c = client(o.version, env);
  const keys = keySources(policy, env);
  const gate = keyGate(policy, env.POE_API_KEY?.trim(), async () => false);
  const file = (p: string, suffix?: string) => botFileUnder(root, p, suffix);
  return {
    client: c,
    file,
    read: readFile,
    keys,
    keyGate: gate,
    sync: async (signal) => ({
      client: c,
      read: readFile,
      keys,
      keyGate: gate,
      account: account(env),
      log: { info: () => undefined, warn: (m) => o.warn?.(m) },
      signal,
    }),
    async pull() {
      const claims: { file: BotFileRef; handle: string }[] = [];
      for (const f of findBotFiles([root])) {
        const handle = await handleOf(f);
        if (handle !== undefined) claims.push({ file: file(f.id), handle });
      }
      return {
        read: readFile,
        write: async (f, text) => writeFileAtomic(f.id, text),
        filesFor: async (handle) =>
          claims.filter((x) => x.handle.toLowerCase() === handle.toLowerCase()).map((x) => x.file),
        newFile: (name) => file(name),
      };
    },
    poeChat: async () => ({ baseUrl: apiUrl(parseBaseUrl(apiAddress(env)), '/v1'), key: poeKey(env) }),
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- dist/endpoint.js, read only by the tools that call an endpoint
    endpoint: () => require('../../endpoint') as typeof import('../../endpoint'),
    plans: o.plans ?? new PlanStore(),
  };
}
