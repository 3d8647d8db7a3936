// The command line's world: the Poe key from POE_API_KEY (never a flag: flags land in shell history), the address
// from POE_API_BASE_URL (https only, as in the editor), ${env:NAME} from the environment and ${secret:NAME} from
// POE_SECRET_<NAME>, and bot files found under folders.

import fs from 'node:fs';
import path from 'node:path';
import { BOT_FILE_SUFFIX } from '../botfile/names';
import { parseBotFile } from '../botfile/parse';
import type { KeySources } from '../botfile/secrets';
import { DEFAULT_BASE_URL, PoeBotsClient, parseBaseUrl, rememberSecret } from '../poe';
import type { BotFileRef } from '../sync';

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) { super(message); }
}

/** The variable that holds ${secret:NAME}: POE_SECRET_ and the name with every character outside A-Z, 0-9 and _ as _, upper-cased. */
export const secretVariable = (name: string) => `POE_SECRET_${name.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase()}`;

export function keySources(env: NodeJS.ProcessEnv = process.env): KeySources {
  return {
    secret: async (name) => env[secretVariable(name)] || undefined,
    env: (name) => env[name] || undefined,
    allowEnv: true,
    howToSetSecret: (name) => `On the command line it comes from the environment variable ${secretVariable(name)}.`,
  };
}

export function poeKey(env: NodeJS.ProcessEnv = process.env): string {
  const key = env.POE_API_KEY?.trim();
  if (!key) throw new CliError('Set POE_API_KEY to your Poe API key (from poe.com/api/keys). It is never taken from a flag, which would land in your shell history.');
  rememberSecret(key);
  return key;
}

export function apiAddress(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.POE_API_BASE_URL?.trim() || DEFAULT_BASE_URL;
  try { parseBaseUrl(value); } catch (e) { throw new CliError(`POE_API_BASE_URL: ${(e as Error).message.replace(/poeBots\.apiBaseUrl/g, 'POE_API_BASE_URL')}`); }
  return value;
}

export function client(version: string, env: NodeJS.ProcessEnv = process.env): PoeBotsClient {
  const key = poeKey(env);
  // proxy {}: the environment's HTTPS_PROXY / HTTP_PROXY / NO_PROXY, through undici's EnvHttpProxyAgent.
  return new PoeBotsClient({ baseUrl: apiAddress(env), getKey: async () => key, userAgent: `poe-bots-cli/${version}`, proxy: {} });
}

/** "api.poe.com (POE_API_KEY)": where the key goes, for every confirmation. */
export const account = (env: NodeJS.ProcessEnv = process.env) => `${new URL(apiAddress(env)).host} (POE_API_KEY)`;

/** Every *.poebot.json under the given files and folders (node_modules and dot-folders left out), sorted. */
export function findBotFiles(paths: readonly string[]): BotFileRef[] {
  const out = new Set<string>();
  const walk = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) throw new CliError(`${p} does not exist.`);
    if (stat.isFile()) { out.add(path.resolve(p)); return; }
    for (const e of fs.readdirSync(p, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const child = path.join(p, e.name);
      if (e.isDirectory()) walk(child);
      else if (e.name.endsWith(BOT_FILE_SUFFIX)) out.add(path.resolve(child));
    }
  };
  for (const p of paths) walk(p);
  return [...out].sort().map((id) => ({ id, label: path.relative(process.cwd(), id) || id }));
}

export const readFile = async (f: BotFileRef) => { try { return fs.readFileSync(f.id, 'utf8'); } catch { return undefined; } };

/** The handle a bot file names, if it parses that far. */
export async function handleOf(f: BotFileRef): Promise<string | undefined> {
  const value = parseBotFile(await readFile(f) ?? '').value as { handle?: unknown } | undefined;
  return typeof value?.handle === 'string' ? value.handle : undefined;
}

/** The files of these handles only (--only). */
export async function onlyHandles(files: BotFileRef[], only: readonly string[]): Promise<BotFileRef[]> {
  const named = await Promise.all(files.map(async (f) => ({ f, handle: await handleOf(f) })));
  return named.filter((x) => x.handle !== undefined && only.includes(x.handle)).map((x) => x.f);
}
