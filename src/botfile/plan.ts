// The push plan, pure: from the file and the remote bot, what request to send. Update sends only what differs, with
// nested objects and arrays whole (Poe's merge depth is undocumented); the endpoint key goes on create and replace,
// and on update only when asked or when it changed; replace lists what PUT will reset. The plan also says, precisely,
// where an endpoint key will be used: the reference it comes from and the host Poe will send it to.

import type { Bot, BotBody, BotCreate } from '../poe/types';
import { BODY_FIELDS, BOT_FIELDS, SETTINGS_FIELDS, type BotField, type FieldRule } from './fields';
import { deepEqual, withoutKey } from './normalize';
import { isObj, type Obj } from './json';
import { keyLabel } from './secrets';
import { withoutControls } from '../poe/text';

export type Verb = 'create' | 'update' | 'replace';
export type Method = 'POST' | 'PATCH' | 'PUT';
export const METHOD: Record<Verb, Method> = { create: 'POST', update: 'PATCH', replace: 'PUT' };

export interface PlanInput {
  verb: Verb | 'auto';
  /** The file's bot ($schema and comments already gone); its api_key, if any, is a reference or a literal. */
  local: Record<string, unknown>;
  remote: Bot | undefined;
  /** The endpoint key the file's api_key resolves to (undefined when it has none or it could not be resolved). */
  key?: string;
  /** Update: send the key even if unchanged. */
  sendKey?: boolean;
  /** Update: the resolved key differs from the one last pushed (or none was recorded). */
  keyChanged?: boolean;
}

/** Where endpoint keys go because of this push: what a creator must see before agreeing to it. */
export interface KeyUse {
  /** The request carries the endpoint key the file's reference resolves to. */
  sends: boolean;
  /** How the file's api_key is named, e.g. "${secret:NAME}", or "api_key" for a key written out (never the key). */
  reference?: string;
  /** The endpoint host the key is for: the file's base_url, or Poe's when the file has none. */
  host?: string;
  /** The address the key is for, as written (the file's base_url, or Poe's): what the key gate judges. */
  url?: string;
  /**
   * Update: base_url moves to another host while Poe keeps the key it stores, which it will now send there. A base_url
   * that does not parse counts as another host (its text, quoted): where the key goes cannot be shown, so it is asked.
   */
  storedKeyMovesTo?: string;
  /** The host Poe sends the stored key to today. */
  storedKeyWasFor?: string;
}

export interface Plan {
  verb: Verb;
  method: Method;
  handle: string;
  body: BotCreate | BotBody;
  /** Fields the request changes, as dotted paths ("description", "api_bot_settings.pricing"). */
  changed: string[];
  /** Replace: fields Poe has and the file does not: PUT resets them. */
  resets: string[];
  /** Update: fields Poe has and the file does not: PATCH cannot remove them, so Poe keeps them. */
  keptOnPoe: string[];
  /**
   * Update: fields inside a nested object (e.g. a price) the file dropped. A PATCH sends the object whole; whether
   * Poe then drops them or keeps them depends on how deep it merges, which its docs do not say.
   */
  mayStayOnPoe: string[];
  sendsKey: boolean;
  key: KeyUse;
  noop: boolean;
  refusal?: string;
}

const same = deepEqual;
const TOP = BODY_FIELDS;

export function planPush(input: PlanInput): Plan {
  const handle = String(input.local.handle ?? '');
  const verb: Verb = input.verb === 'auto' ? (input.remote ? 'update' : 'create') : input.verb;
  const local = withoutKey(input.local);
  const remote = input.remote ? withoutKey(input.remote) : undefined;
  const plan: Plan = {
    verb,
    method: METHOD[verb],
    handle,
    body: {},
    changed: [],
    resets: [],
    keptOnPoe: [],
    mayStayOnPoe: [],
    sendsKey: false,
    key: { sends: false },
    noop: false,
  };
  const keyText =
    isObj(input.local.api_bot_settings) && typeof input.local.api_bot_settings.api_key === 'string'
      ? input.local.api_bot_settings.api_key
      : undefined;
  const hasKeyField = keyText !== undefined;
  const baseUrl = settingOf(local, 'base_url');
  if (typeof baseUrl === 'string' && /^http:/i.test(baseUrl)) {
    return refuse(
      plan,
      `base_url is an http:// address (${baseUrl}). Poe's servers call your endpoint over the internet with its key, so it must be https://.`,
    );
  }

  if (verb === 'create' && input.remote)
    return refuse(
      plan,
      `"${handle}" already exists on this account. Creating would silently overwrite it (POST is an upsert): use Update or Replace.`,
    );
  if (verb === 'update' && !input.remote)
    return refuse(
      plan,
      `"${handle}" does not exist on this account, so there is nothing to update: use Push or Create.`,
    );
  if (verb === 'replace' && (!hasKeyField || !input.key)) {
    return refuse(
      plan,
      `Replace needs the endpoint key in the file (as \${secret:NAME} or \${env:NAME}): PUT replaces all settings and may erase the key Poe stores when none is sent.`,
    );
  }

  if (verb === 'update') return withKeyUse(planUpdate(plan, local, remote!, input), local, remote, keyText);

  const full: Obj = {};
  for (const k of TOP) if (local[k] !== undefined) full[k] = local[k];
  if (input.key !== undefined && hasKeyField) {
    full.api_bot_settings = { ...(isObj(full.api_bot_settings) ? full.api_bot_settings : {}), api_key: input.key };
    plan.sendsKey = true;
  }
  plan.body = verb === 'create' ? ({ handle, ...full } as BotCreate) : (full as BotBody);
  plan.changed = diffPaths(local, remote ?? {});
  if (verb === 'replace' && remote) plan.resets = missingPaths(local, remote);
  return withKeyUse(plan, local, remote, keyText);
}

function settingOf(bot: Obj | undefined, key: string): unknown {
  return bot && isObj(bot.api_bot_settings) ? bot.api_bot_settings[key] : undefined;
}

function hostOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

/** The host for a sentence; an address that does not parse is quoted instead (fail closed: it is never "no host"). */
function shownHost(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  return hostOf(url) ?? JSON.stringify(withoutControls(url).slice(0, 120));
}

/** Fills in plan.key: which reference is sent and for which host, or where a stored key starts being sent. */
function withKeyUse(plan: Plan, local: Obj, remote: Obj | undefined, reference: string | undefined): Plan {
  const fileUrl = settingOf(local, 'base_url');
  const poeUrl = settingOf(remote, 'base_url');
  const url = typeof fileUrl === 'string' ? fileUrl : typeof poeUrl === 'string' ? poeUrl : undefined;
  plan.key = {
    sends: plan.sendsKey,
    reference: reference === undefined ? undefined : keyLabel(reference),
    host: shownHost(url),
    url,
  };
  const fileHost = shownHost(fileUrl);
  const poeHost = shownHost(poeUrl);
  if (
    !plan.sendsKey &&
    plan.verb === 'update' &&
    fileHost &&
    poeHost &&
    fileHost.toLowerCase() !== poeHost.toLowerCase()
  ) {
    plan.key.storedKeyMovesTo = fileHost;
    plan.key.storedKeyWasFor = poeHost;
  }
  return plan;
}

function planUpdate(plan: Plan, local: Obj, remote: Obj, input: PlanInput): Plan {
  const body: Obj = {};
  for (const k of TOP) {
    if (BOT_FIELDS[k].patch === 'settings') continue;
    if (local[k] !== undefined && !same(local[k], remote[k])) {
      body[k] = local[k];
      plan.changed.push(k);
    }
  }
  const ls = isObj(local.api_bot_settings) ? local.api_bot_settings : {};
  const rs = isObj(remote.api_bot_settings) ? remote.api_bot_settings : {};
  const settings: Obj = {};
  for (const [k, v] of Object.entries(ls)) {
    if (!same(v, rs[k])) {
      settings[k] = v;
      plan.changed.push(`api_bot_settings.${k}`);
    }
  }
  if (input.key !== undefined && (input.sendKey || input.keyChanged)) {
    settings.api_key = input.key;
    plan.sendsKey = true;
    plan.changed.push('api_bot_settings.api_key');
  }
  if (Object.keys(settings).length) body.api_bot_settings = settings;
  plan.body = body as BotBody;
  plan.keptOnPoe = missingPaths(local, remote).filter(
    (p) => !(p in BOT_FIELDS && (BOT_FIELDS[p as BotField] as FieldRule).alwaysOnPoe),
  );
  plan.mayStayOnPoe = droppedInside(body, remote);
  plan.noop = Object.keys(body).length === 0;
  return plan;
}

/** Keys that nested objects in the body no longer have but Poe's copy does (e.g. a price the file removed). */
function droppedInside(body: Obj, remote: Obj): string[] {
  const out: string[] = [];
  const walk = (sent: unknown, had: unknown, path: string, depth: number) => {
    if (!isObj(sent) || !isObj(had)) return;
    for (const [k, v] of Object.entries(had)) {
      if (sent[k] === undefined) {
        if (depth > 1) out.push(`${path}.${k}`);
      } else walk(sent[k], v, `${path}.${k}`, depth + 1);
    }
  };
  if (isObj(body.api_bot_settings)) walk(body.api_bot_settings, remote.api_bot_settings, 'api_bot_settings', 1);
  if (isObj(body.parameter_controls)) walk(body.parameter_controls, remote.parameter_controls, 'parameter_controls', 2);
  return out;
}

/** Fields (top level and api_bot_settings.*) whose values differ between the two. */
export function diffPaths(a: Obj, b: Obj): string[] {
  const out: string[] = [];
  for (const k of TOP) {
    if (BOT_FIELDS[k].patch === 'settings' && (isObj(a[k]) || isObj(b[k]))) {
      const as = isObj(a[k]) ? a[k] : {};
      const bs = isObj(b[k]) ? b[k] : {};
      for (const sk of new Set([...Object.keys(as), ...Object.keys(bs)]))
        if (!writeOnly(sk) && !same(as[sk], bs[sk])) out.push(`${k}.${sk}`);
    } else if (!same(a[k], b[k]) && (a[k] !== undefined || b[k] !== undefined)) {
      out.push(k);
    }
  }
  return out;
}

/** Fields the remote has and the file does not. */
function missingPaths(local: Obj, remote: Obj): string[] {
  const out: string[] = [];
  for (const k of TOP) {
    if (remote[k] === undefined) continue;
    if (BOT_FIELDS[k].patch === 'settings' && isObj(remote[k])) {
      const ls = isObj(local[k]) ? local[k] : {};
      for (const sk of Object.keys(remote[k])) if (ls[sk] === undefined) out.push(`${k}.${sk}`);
    } else if (local[k] === undefined) {
      out.push(k);
    }
  }
  return out;
}

/** A setting Poe accepts and never returns (api_key): never compared. */
const writeOnly = (setting: string) => (SETTINGS_FIELDS as Record<string, FieldRule>)[setting]?.patch === 'writeOnly';

function refuse(plan: Plan, why: string): Plan {
  plan.refusal = why;
  return plan;
}

/** After a write: the sent fields Poe does not show back as sent (the key is never returned, so never compared). */
export function notTaken(sent: BotCreate | BotBody, after: Bot): string[] {
  const s = withoutKey(sent);
  const a = withoutKey(after);
  const out: string[] = [];
  for (const k of TOP) {
    if (s[k] === undefined) continue;
    if (BOT_FIELDS[k].patch === 'settings' && isObj(s[k])) {
      const as = isObj(a[k]) ? a[k] : {};
      for (const [sk, v] of Object.entries(s[k])) if (!same(v, as[sk])) out.push(`${k}.${sk}`);
    } else if (!same(s[k], a[k])) {
      out.push(k);
    }
  }
  return out;
}
