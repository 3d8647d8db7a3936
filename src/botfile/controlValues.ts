// Parameter controls as Poe's users meet them, pure: the values they start with, which controls show for the current
// values, and the request fields Poe adds for them. The tree a panel renders from is controlModel.ts's, re-exported.

import type { Bot } from '../poe/types';
import { options, placed } from './controlModel';
import { CONTROL_KINDS, type ControlKind } from './controls';
import { isObj, num, type Obj } from './json';

export { renderModel } from './controlModel';
export type * from './controlModel';

export type ParamValue = string | number | boolean;
export type ParamValues = Record<string, ParamValue>;
const MAX_TEXT = 100_000;
const isValue = (v: unknown): v is ParamValue => typeof v === 'string' || typeof v === 'boolean' || num(v);

/** The values before the user changes anything: control default, else the definition's default, else inferred. */
export function initialValues(bot: Bot | unknown): ParamValues {
  const defs = definitions(bot);
  const out: ParamValues = {};
  for (const { c } of placed(bot)) {
    const name = c.parameter_name as string;
    if (name in out) continue; // controls sharing a name share its default (a rule of Poe's, checked in rules.ts)
    const def = defs.get(name)?.default_value;
    out[name] = isValue(c.default_value) ? c.default_value : isValue(def) ? def : inferred(c);
  }
  return out;
}

/** Starting values with whatever of `previous` still fits the controls (after an edit of the file, or a restore). */
export function mergeValues(bot: Bot | unknown, previous: unknown): ParamValues {
  const out = initialValues(bot);
  if (!isObj(previous)) return out;
  for (const [name, v] of Object.entries(previous)) {
    const ok = acceptValue(bot, name, v);
    if (ok !== undefined) out[name] = ok;
  }
  return out;
}

/** A value from an untrusted source (the webview) if some control of that name could have produced it. */
export function acceptValue(bot: Bot | unknown, name: string, value: unknown): ParamValue | undefined {
  for (const { c } of placed(bot)) {
    if (c.parameter_name !== name) continue;
    const v = fit(c, value);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Ids of condition items whose condition does not hold for these values. */
export function hiddenIds(bot: Bot | unknown, values: ParamValues): string[] {
  const ids = new Set<string>();
  for (const p of placed(bot)) if (p.condition && !conditionHolds(p.condition.test, values)) ids.add(p.condition.id);
  return [...ids];
}

/**
 * The top-level request fields Poe adds: each param_definitions entry with param_dest "extra_body", with the value of
 * a visible control of that name, else the definition's default_value ("used when the user has not set the
 * parameter"), else nothing. A control without a definition is shown on Poe but never reaches the endpoint.
 */
export function requestParams(bot: Bot | unknown, values: ParamValues): Record<string, unknown> {
  const hidden = new Set(hiddenIds(bot, values));
  const shown = new Set(
    placed(bot)
      .filter((p) => !p.condition || !hidden.has(p.condition.id))
      .map((p) => p.c.parameter_name as string),
  );
  const out: Record<string, unknown> = {};
  for (const [name, d] of definitions(bot)) {
    if (shown.has(name) && name in values) out[name] = values[name];
    else if (d.default_value !== undefined) out[name] = structuredClone(d.default_value);
  }
  return out;
}

/** `equals`/`eq`, `ne`, `gt`, `ge`, `lt`, `le` over `{parameter_name}` or `{literal}` sides. */
export function conditionHolds(test: unknown, values: ParamValues): boolean {
  if (!isObj(test)) return true;
  const side = (s: unknown) =>
    !isObj(s) ? undefined : typeof s.parameter_name === 'string' ? values[s.parameter_name] : s.literal;
  const a = side(test.left);
  const b = side(test.right);
  switch (test.comparator) {
    case 'equals':
    case 'eq':
      return same(a, b);
    case 'ne':
      return !same(a, b);
    case 'gt':
      return order(a, b) > 0;
    case 'ge':
      return order(a, b) >= 0;
    case 'lt':
      return order(a, b) < 0;
    case 'le':
      return order(a, b) <= 0;
    default:
      return true; // an unknown comparator is the schema's to report; the preview keeps the controls in view
  }
}

const numeric = (v: unknown): number | undefined =>
  num(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;

/** A literal in a file is often "1024" where the slider gives 1024, or "true" for a switch: the same value. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const x = numeric(a);
  const y = numeric(b);
  return x !== undefined && y !== undefined ? x === y : String(a) === String(b);
}

/** Numbers compare as numbers, other text as text; anything else never compares (NaN). */
function order(a: unknown, b: unknown): number {
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined && y !== undefined) return x - y;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return Number.NaN;
}

function definitions(bot: unknown): Map<string, { default_value?: unknown }> {
  const s = isObj(bot) && isObj(bot.api_bot_settings) ? bot.api_bot_settings : {};
  const map = new Map<string, { default_value?: unknown }>();
  for (const d of Array.isArray(s.param_definitions) ? s.param_definitions : []) {
    if (isObj(d) && typeof d.param_name === 'string' && d.param_dest === 'extra_body' && !map.has(d.param_name))
      map.set(d.param_name, d);
  }
  return map;
}

function inferred(c: Obj): ParamValue {
  const kind = CONTROL_KINDS[c.control as ControlKind];
  switch (kind) {
    case 'boolean':
      return false;
    case 'number':
      return num(c.min_value) ? c.min_value : 0;
    case 'option':
    case 'text':
      return options(c)[0]?.value ?? '';
    default:
      return unknownKind(kind);
  }
}

/** The value as this control would hold it, or undefined if it could not. */
function fit(c: Obj, v: unknown): ParamValue | undefined {
  const kind = CONTROL_KINDS[c.control as ControlKind];
  switch (kind) {
    case 'boolean':
      return typeof v === 'boolean' ? v : undefined;
    case 'number': {
      if (!num(v)) return undefined;
      const lo = num(c.min_value) ? c.min_value : -Infinity;
      const hi = num(c.max_value) ? c.max_value : Infinity;
      return Math.min(hi, Math.max(lo, v));
    }
    case 'option':
      return typeof v === 'string' && options(c).some((o) => o.value === v) ? v : undefined;
    case 'text':
      return typeof v === 'string' && v.length <= MAX_TEXT ? v : undefined;
    default:
      return unknownKind(kind);
  }
}

/** A kind of value the switch above does not handle is a type error here (placed() passes only known kinds). */
function unknownKind(kind: never): never {
  throw new Error(`no rule for controls holding ${String(kind)}`);
}
