// The fake's request validation: the documented fields and types, and where the docs are silent, the stricter rule
// (unknown fields, null values, numeric prices and a handle in a PUT body are all refused). Messages are sentences,
// as an API writes them, naming the field somewhere in the text: the extension must not depend on their format.
// Its field lists are the reference's, written out (never derived from the extension's table; a test compares them).

type Obj = Record<string, unknown>;
export type Verb = 'POST' | 'PUT' | 'PATCH';

const HANDLE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const DECIMAL = /^\d+(\.\d+)?$/;
export const TOP = ['handle', 'description', 'is_private', 'api_bot_settings', 'parameter_controls'];
export const SETTINGS = [
  'model_name',
  'base_url',
  'api_key',
  'api_type',
  'max_input_tokens',
  'context_size',
  'input_modalities',
  'output_modalities',
  'supported_features',
  'param_definitions',
  'pricing',
];
const PRICES = ['prompt', 'completion', 'input_cache_reads'];

export class Invalid extends Error {}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function only(o: Obj, allowed: string[], where: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) throw new Invalid(`Unknown field '${where}${k}' in the request body`);
    if (o[k] === null && !(where.endsWith('tiers[].') && k === 'max_tokens'))
      throw new Invalid(`Invalid value for '${where}${k}': null is not accepted`);
  }
}

const bad = (where: string, what: string) => new Invalid(`Invalid value for '${where}': ${what}`);
function str(v: unknown, where: string): void {
  if (typeof v !== 'string') throw bad(where, 'expected a string');
}
function int(v: unknown, where: string): void {
  if (!Number.isInteger(v) || (v as number) < 0) throw bad(where, 'expected a non-negative integer');
}
function price(v: unknown, where: string): void {
  if (typeof v !== 'string' || !DECIMAL.test(v)) throw bad(where, 'expected a decimal string of dollars per token');
}
function enumArray(v: unknown, allowed: string[], where: string): void {
  if (!Array.isArray(v) || v.some((x) => !allowed.includes(x as string)))
    throw bad(where, `expected a list of ${allowed.join(', ')}`);
}

export function validateBody(verb: Verb, body: unknown): void {
  if (!isObj(body)) throw new Invalid('The request body must be a JSON object');
  only(body, TOP, '');
  if (verb === 'POST') {
    if (body.handle === undefined) throw new Invalid('Missing required field: handle');
    str(body.handle, 'handle');
    if (!HANDLE.test(body.handle as string)) throw bad('handle', 'use 1-64 letters, digits, ".", "_" or "-"');
  } else if (body.handle !== undefined) {
    throw new Invalid('The handle goes in the URL path, not in the request body');
  }
  if (body.description !== undefined) str(body.description, 'description');
  if (body.is_private !== undefined && typeof body.is_private !== 'boolean')
    throw bad('is_private', 'expected true or false');
  if (body.api_bot_settings !== undefined) validateSettings(body.api_bot_settings);
  if (body.parameter_controls !== undefined) validateControls(body.parameter_controls);
}

function validateSettings(s: unknown): void {
  const w = 'api_bot_settings.';
  if (!isObj(s)) throw bad('api_bot_settings', 'expected an object');
  only(s, SETTINGS, w);
  for (const k of ['model_name', 'base_url', 'api_key'] as const) if (s[k] !== undefined) str(s[k], w + k);
  if (s.api_type !== undefined && s.api_type !== 'chat_completions_api' && s.api_type !== 'responses_api') {
    throw bad(`${w}api_type`, 'expected "chat_completions_api" or "responses_api"');
  }
  for (const k of ['max_input_tokens', 'context_size'] as const) if (s[k] !== undefined) int(s[k], w + k);
  if (s.input_modalities !== undefined)
    enumArray(s.input_modalities, ['text', 'image', 'video'], w + 'input_modalities');
  if (s.output_modalities !== undefined) enumArray(s.output_modalities, ['text'], w + 'output_modalities');
  if (s.supported_features !== undefined) enumArray(s.supported_features, ['tools'], w + 'supported_features');
  if (s.param_definitions !== undefined) {
    if (!Array.isArray(s.param_definitions)) throw bad(`${w}param_definitions`, 'expected a list');
    for (const d of s.param_definitions) {
      if (!isObj(d)) throw bad(`${w}param_definitions`, 'expected a list of objects');
      only(d, ['param_name', 'param_dest', 'default_value'], `${w}param_definitions[].`);
      str(d.param_name, `${w}param_definitions[].param_name`);
      if (d.param_dest !== 'extra_body') throw bad(`${w}param_definitions[].param_dest`, 'expected "extra_body"');
    }
  }
  if (s.pricing !== undefined) validatePricing(s.pricing);
}

function validatePricing(p: unknown): void {
  const w = 'api_bot_settings.pricing.';
  if (!isObj(p)) throw bad('api_bot_settings.pricing', 'expected an object');
  only(p, [...PRICES, 'context_pricing'], w);
  for (const k of PRICES) if (p[k] !== undefined) price(p[k], w + k);
  if (p.context_pricing === undefined) return;
  const cp = p.context_pricing;
  if (!isObj(cp)) throw bad(`${w}context_pricing`, 'expected an object');
  only(cp, ['tiers'], `${w}context_pricing.`);
  if (!Array.isArray(cp.tiers)) throw bad(`${w}context_pricing.tiers`, 'expected a list');
  for (const t of cp.tiers) {
    const tw = `${w}context_pricing.tiers[].`;
    if (!isObj(t)) throw bad(`${w}context_pricing.tiers`, 'expected a list of objects');
    only(t, ['min_tokens', 'max_tokens', ...PRICES], tw);
    int(t.min_tokens, tw + 'min_tokens');
    if (t.max_tokens !== undefined && t.max_tokens !== null) int(t.max_tokens, tw + 'max_tokens');
    for (const k of PRICES) if (t[k] !== undefined) price(t[k], tw + k);
  }
}

function validateControls(c: unknown): void {
  if (!isObj(c)) throw bad('parameter_controls', 'expected an object');
  only(c, ['api_version', 'sections'], 'parameter_controls.');
  if (c.api_version !== '2') throw bad('parameter_controls.api_version', 'only "2" is supported');
  // Poe's own full POST example sends "sections": [], so an empty list is accepted.
  if (!Array.isArray(c.sections)) throw bad('parameter_controls.sections', 'expected a list');
  for (const s of c.sections) {
    if (!isObj(s)) throw bad('parameter_controls.sections', 'expected a list of sections');
    if (s.controls !== undefined && s.tabs !== undefined)
      throw new Invalid('A section of parameter_controls has both controls and tabs; use one');
    if (s.controls === undefined && s.tabs === undefined)
      throw new Invalid('A section of parameter_controls needs controls or tabs');
  }
}
