// poe-bots.lock.json, the committed memory of past pulls and pushes: per bot, its file, a fingerprint of the bot as
// Poe had it then (whole and field by field, to tell a change on Poe from a local one), and for the endpoint key only
// an HMAC keyed from the Poe key (a guess cannot be confirmed without it) and the host it was last sent for. Stable
// order and one line per field, so it merges and reviews like any lock file. Pure: reading and writing the disk is
// the store's (lockStore.ts).

import { BODY_FIELDS, BOT_FIELDS, SETTINGS_FIELDS, type FieldRule } from '../botfile/fields';
import { isObj, type Obj } from '../botfile/json';
import { canonicalJson, sha256, withoutKey } from '../botfile/normalize';

export const LOCK_FILE_NAME = 'poe-bots.lock.json';
/** The version this code writes; it reads it and every earlier one. */
export const LOCK_VERSION = 1;

export interface LockEntry {
  /** The bot file, relative to the lock file's folder, with forward slashes. */
  file: string;
  /** sha256 of the bot as Poe had it (canonical JSON, no key). */
  fingerprint: string;
  /** Field path → a short sha256 of its value on Poe then: which fields Poe changed since. */
  fields?: Record<string, string>;
  /** A hash of the file's content as last pulled or pushed (the file holds a key reference, never a key). */
  content?: string;
  /** "hmac-sha256:…" of the endpoint key last sent, keyed from the Poe key: never the key, never a plain hash. */
  keyDigest?: string;
  /** The reference the key came from ("${secret:NAME}") and the host it was sent for. */
  keyReference?: string;
  keyHost?: string;
}

export interface LockFile {
  version: number;
  /** The name of the Poe account the folder was last pulled from or pushed to ("production"): a name, never a key. */
  account?: string;
  bots: Record<string, LockEntry>;
}

export const emptyLock = (): LockFile => ({ version: LOCK_VERSION, bots: {} });

/** A lock file that cannot be read: its words say which file and what to do. Nothing was sent or written. */
export class LockFileError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = 'LockFileError';
  }
}

const ENTRY_ORDER: (keyof LockEntry)[] = [
  'file',
  'fingerprint',
  'content',
  'keyReference',
  'keyHost',
  'keyDigest',
  'fields',
];
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function parseLock(text: string, label: string): LockFile {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    // A marker at the start of a line is outside any JSON string, so a lock file that has one never parses: it is
    // looked for only then, not in every lock file read.
    if (/^(<<<<<<<|=======|>>>>>>>)/m.test(text)) {
      throw new LockFileError(
        `${label} has merge-conflict markers. Resolve them (or delete the file and pull again to start over); nothing was sent.`,
      );
    }
    throw new LockFileError(
      `${label} is not valid JSON (${(e as Error).message}). Fix it, or delete it and pull again to start over; nothing was sent.`,
    );
  }
  if (!isObj(value) || typeof value.version !== 'number' || !isObj(value.bots)) {
    throw new LockFileError(
      `${label} is not a poe-bots lock file (it needs "version" and "bots"). Fix it, or delete it and pull again; nothing was sent.`,
    );
  }
  if (value.version > LOCK_VERSION) {
    throw new LockFileError(
      `${label} was written by a newer poe-bots (lock file version ${value.version}; this one reads up to ${LOCK_VERSION}). Update poe-bots and the Poe Bots extension; nothing was sent or written.`,
    );
  }
  const bots: Record<string, LockEntry> = {};
  for (const [handle, e] of Object.entries(value.bots)) {
    if (!isObj(e) || typeof e.file !== 'string' || typeof e.fingerprint !== 'string') {
      throw new LockFileError(
        `${label}: the entry for "${handle}" needs "file" and "fingerprint". Fix it, or delete the entry and pull again; nothing was sent.`,
      );
    }
    const entry: LockEntry = { file: e.file, fingerprint: e.fingerprint };
    for (const k of ['content', 'keyDigest', 'keyReference', 'keyHost'] as const)
      if (typeof e[k] === 'string') entry[k] = e[k];
    if (isObj(e.fields))
      entry.fields = Object.fromEntries(
        Object.entries(e.fields).filter((f): f is [string, string] => typeof f[1] === 'string'),
      );
    bots[handle] = entry;
  }
  return {
    version: value.version,
    ...(typeof value.account === 'string' && value.account ? { account: value.account } : {}),
    bots,
  };
}

/** The lock file's text: bots by handle, each entry's fields in one order, one line per field. */
export function renderLock(lock: LockFile): string {
  const bots: Obj = {};
  for (const handle of Object.keys(lock.bots).sort(byCodePoint)) {
    const e = lock.bots[handle]!;
    const out: Obj = {};
    for (const k of ENTRY_ORDER) {
      if (e[k] === undefined) continue;
      out[k] =
        k === 'fields' ? Object.fromEntries(Object.entries(e.fields!).sort(([a], [b]) => byCodePoint(a, b))) : e[k];
    }
    bots[handle] = out;
  }
  return `${JSON.stringify({ version: LOCK_VERSION, ...(lock.account ? { account: lock.account } : {}), bots }, null, 2)}\n`;
}

const writeOnly = (k: string) => (SETTINGS_FIELDS as Record<string, FieldRule>)[k]?.patch === 'writeOnly';

/** The bot's fields as the plan compares them: top level, and api_bot_settings one by one; never the key. */
export function fieldValues(bot: unknown): Map<string, unknown> {
  const b = withoutKey(bot);
  const out = new Map<string, unknown>();
  for (const k of BODY_FIELDS) {
    const v = b[k];
    if (v === undefined) continue;
    if (BOT_FIELDS[k].patch === 'settings' && isObj(v)) {
      for (const [sk, sv] of Object.entries(v)) if (sv !== undefined && !writeOnly(sk)) out.set(`${k}.${sk}`, sv);
    } else out.set(k, v);
  }
  return out;
}

// node:crypto is read on first use, not when the extension starts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const crypto = () => require('node:crypto') as typeof import('node:crypto');

export const valueDigest = (value: unknown) => sha256(canonicalJson(value)).slice(0, 16);

export function fieldDigests(bot: unknown): Record<string, string> {
  return Object.fromEntries([...fieldValues(bot)].map(([k, v]) => [k, valueDigest(v)]));
}

/**
 * The endpoint key's digest: an HMAC under a key derived from the Poe key, so the committed file confirms no guess to
 * anyone without the account's key. A teammate with another Poe key reads every key as changed, and sends it again.
 */
export function keyDigest(poeKey: string, endpointKey: string): string {
  const { createHmac } = crypto();
  const derived = createHmac('sha256', poeKey.trim()).update('poe-bots lock file: endpoint key digest v1').digest();
  return `hmac-sha256:${createHmac('sha256', derived).update(endpointKey).digest('hex')}`;
}
