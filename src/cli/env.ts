// The command line's world: the Poe key from POE_API_KEY (never a flag: flags land in shell history), the address
// from POE_API_BASE_URL (https only, as in the editor), and bot files found under folders. Endpoint keys: keys.ts.

import fs from 'node:fs';
import path from 'node:path';
import { BOT_FILE_SUFFIX } from '../botfile/names';
import { readBotFile } from '../botfile/read';
import { DEFAULT_BASE_URL, PoeBotsClient, parseBaseUrl, rememberSecret } from '../poe';
import { accountName as accountWords, type BotFileRef } from '../sync';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function poeKey(env: NodeJS.ProcessEnv = process.env): string {
  const key = env.POE_API_KEY?.trim();
  if (!key)
    throw new CliError(
      'Set POE_API_KEY to your Poe API key (from poe.com/api/keys). It is never taken from a flag, which would land in your shell history.',
    );
  rememberSecret(key);
  return key;
}

export function apiAddress(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.POE_API_BASE_URL?.trim() || DEFAULT_BASE_URL;
  try {
    parseBaseUrl(value);
  } catch (e) {
    throw new CliError(`POE_API_BASE_URL: ${(e as Error).message.replace(/poeBots\.apiBaseUrl/g, 'POE_API_BASE_URL')}`);
  }
  return value;
}

export function client(version: string, env: NodeJS.ProcessEnv = process.env): PoeBotsClient {
  const key = poeKey(env);
  // proxy {}: the environment's HTTPS_PROXY / HTTP_PROXY / NO_PROXY, through undici's EnvHttpProxyAgent.
  return new PoeBotsClient({
    baseUrl: apiAddress(env),
    getKey: async () => key,
    userAgent: `poe-bots-cli/${version}`,
    proxy: {},
  });
}

/** The account's name from POE_ACCOUNT, when the run gives one (checked against the lock file's, see lock.ts). */
export const accountName = (env: NodeJS.ProcessEnv = process.env) => env.POE_ACCOUNT?.trim() || undefined;

/** "api.poe.com (POE_API_KEY)", or with POE_ACCOUNT '"production" (api.poe.com, POE_API_KEY)': for every confirmation. */
export function account(env: NodeJS.ProcessEnv = process.env): string {
  const host = new URL(apiAddress(env)).host;
  const name = accountName(env);
  return name ? `"${accountWords(name)}" (${host}, POE_API_KEY)` : `${host} (POE_API_KEY)`;
}

/** Every *.poebot.json under the given files and folders (node_modules and dot-folders left out), sorted. */
export const findBotFiles = (paths: readonly string[]): BotFileRef[] => findFiles(paths, BOT_FILE_SUFFIX);

/** Every file ending in `suffix` under the given files and folders (a file named is taken whatever its name). */
export function findFiles(paths: readonly string[], suffix: string): BotFileRef[] {
  const out = new Set<string>();
  const walk = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) throw new CliError(`${p} does not exist.`);
    if (stat.isFile()) {
      out.add(path.resolve(p));
      return;
    }
    for (const e of fs.readdirSync(p, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const child = path.join(p, e.name);
      if (e.isDirectory()) walk(child);
      else if (e.name.endsWith(suffix)) out.add(path.resolve(child));
    }
  };
  for (const p of paths) walk(p);
  return [...out].sort().map((id) => ({ id, label: path.relative(process.cwd(), id) || id }));
}

export const readFile = async (f: BotFileRef) => {
  try {
    return fs.readFileSync(f.id, 'utf8');
  } catch {
    return undefined;
  }
};

/** The handle a bot file names, if it parses that far. */
export async function handleOf(f: BotFileRef): Promise<string | undefined> {
  return readBotFile((await readFile(f)) ?? '').handle;
}

/** The files of these handles only (--only), with any other file claiming one of them ignoring case, so the push
 * flow sees the duplicate and refuses it rather than pushing one of the two. A handle no file holds is an error (a
 * typo must not select nothing). */
export async function onlyHandles(files: BotFileRef[], only: readonly string[]): Promise<BotFileRef[]> {
  const named = await Promise.all(files.map(async (f) => ({ f, handle: await handleOf(f) })));
  const unknown = only.filter((h) => !named.some((x) => x.handle === h));
  if (unknown.length)
    throw new CliError(`No bot file here has the handle ${unknown.map((h) => JSON.stringify(h)).join(', ')} (--only).`);
  const chosen = new Set(
    named.filter((x) => x.handle !== undefined && only.includes(x.handle)).map((x) => x.handle!.toLowerCase()),
  );
  return named.filter((x) => x.handle !== undefined && chosen.has(x.handle.toLowerCase())).map((x) => x.f);
}

/** The bot files a command works on: under the paths (default .), limited by --only; selecting nothing is an error. */
export async function selectBotFiles(paths: readonly string[], only: readonly string[] = []): Promise<BotFileRef[]> {
  const where = paths.length ? paths : ['.'];
  let files = findBotFiles(where);
  if (!files.length) throw new CliError(`No *.poebot.json files under ${where.join(', ')}: nothing to do.`);
  if (only.length) files = await onlyHandles(files, only);
  return files;
}
