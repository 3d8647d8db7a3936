// One canonical form of a bot: stable key order, no $schema, no api_key. Used to write pulled files, to compare a
// file with the remote bot, and to fingerprint the remote for conflict detection.

import type { Bot } from '../poe/types';
import { referenceText, type KeyReference } from './secrets';
import { FILE_ORDER } from './fields';
import { isObj, type Obj } from './json';

/** The $schema value written into bot files; the extension serves the schema under this scheme. */
export const SCHEMA_URI = 'poebot-schema:/poebot.schema.json';

function ordered(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, key));
  if (!isObj(value)) return value;
  const order = FILE_ORDER[key] ?? [];
  const keys = [...order.filter((k) => k in value), ...Object.keys(value).filter((k) => !order.includes(k))];
  const out: Obj = {};
  for (const k of keys) if (value[k] !== undefined) out[k] = ordered(value[k], k);
  return out;
}

/** The bot without $schema and api_key, keys in the house order. */
export function normalizeBot(bot: unknown): Bot {
  const copy = isObj(bot) ? { ...bot } : {};
  delete copy.$schema;
  if (isObj(copy.api_bot_settings)) {
    const { api_key: _drop, ...rest } = copy.api_bot_settings;
    copy.api_bot_settings = rest;
  }
  return ordered(copy, '') as Bot;
}

/** A pulled bot as file text: $schema first, never a key value, only a reference when one is known. */
export function renderBotFile(bot: Bot, keyRef?: KeyReference): string {
  const normal = normalizeBot(bot) as unknown as Obj;
  if (keyRef) {
    const settings = isObj(normal.api_bot_settings) ? normal.api_bot_settings : {};
    normal.api_bot_settings = ordered({ ...settings, api_key: referenceText(keyRef) }, 'api_bot_settings');
  }
  return `${JSON.stringify({ $schema: SCHEMA_URI, ...normal }, null, 2)}\n`;
}

/** Deep equality that ignores key order, stopping at the first difference (cheaper than comparing strings). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (!isObj(a) || !isObj(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!deepEqual(a[k], b[k])) return false;
  return true;
}

/** The bot without $schema and api_key, sharing the rest (no copy, no reordering): for comparisons. */
export function withoutKey(bot: unknown): Record<string, unknown> {
  const copy = isObj(bot) ? { ...bot } : {};
  delete copy.$schema;
  if (isObj(copy.api_bot_settings) && 'api_key' in copy.api_bot_settings) {
    const { api_key: _drop, ...rest } = copy.api_bot_settings;
    copy.api_bot_settings = rest;
  }
  return copy;
}

/** Canonical JSON (keys sorted at every level), so equal bots compare and hash equal. Built as one string, without
 * an array per level: a plan fingerprints every bot of the account. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i) out += ',';
      // An undefined element writes nothing, as Array.prototype.join does (the form every lock file was written in).
      const v = value[i] === undefined ? undefined : canonicalJson(value[i]);
      if (v !== undefined) out += v;
    }
    return `${out}]`;
  }
  if (isObj(value)) {
    const keys = Object.keys(value).sort();
    let out = '{';
    let first = true;
    for (const k of keys) {
      if (value[k] === undefined) continue;
      out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(value[k])}`;
      first = false;
    }
    return `${out}}`;
  }
  return JSON.stringify(value);
}

// node:crypto is read on the first fingerprint, not when the extension starts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const crypto = () => require('node:crypto') as typeof import('node:crypto');

/** sha256 of a text, hex: the one hash behind fingerprints and content hashes. */
export const sha256 = (text: string) => crypto().createHash('sha256').update(text).digest('hex');

/**
 * The bot's fingerprint: sha256 of its canonical JSON without $schema and api_key. canonicalJson sorts every level
 * itself, so the house order (normalizeBot) would be work thrown away: the same text, hence the same fingerprint
 * every lock file already records.
 */
export function fingerprint(bot: unknown): string {
  return sha256(canonicalJson(withoutKey(bot)));
}
