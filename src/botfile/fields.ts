// One table of a bot's fields: where each one is, its place in a written file (the order of the table), and how a
// push treats it. Normalizing, planning, diffing and the read-back derive from it, and a test holds it equal to the
// schema's properties: adding a field is the schema, the API type and one line here (the compiler asks for it).

import type { ApiBotSettings, BotCreate, Pricing } from '../poe/types';

/**
 * How an update (PATCH) sends a field:
 * - `identity`: never sent in a body (the handle is in the path);
 * - `value`: sent when it differs;
 * - `whole`: an object or list sent whole when anything in it differs (Poe's merge depth is undocumented);
 * - `settings`: an object whose own fields are compared and sent one by one (api_bot_settings);
 * - `writeOnly`: accepted on writes, never returned, so never compared (api_key).
 */
export type PatchRule = 'identity' | 'value' | 'whole' | 'settings' | 'writeOnly';

export interface FieldRule {
  patch: PatchRule;
  /** Poe returns it on every bot (with a default), so "on Poe, not in the file" is never worth saying. */
  alwaysOnPoe?: boolean;
}

export const BOT_FIELDS = {
  handle: { patch: 'identity' },
  description: { patch: 'value', alwaysOnPoe: true },
  is_private: { patch: 'value', alwaysOnPoe: true },
  api_bot_settings: { patch: 'settings' },
  parameter_controls: { patch: 'whole' },
} as const satisfies Record<keyof BotCreate, FieldRule>;

export const SETTINGS_FIELDS = {
  model_name: { patch: 'value' },
  base_url: { patch: 'value' },
  api_key: { patch: 'writeOnly' },
  api_type: { patch: 'value' },
  input_modalities: { patch: 'whole' },
  output_modalities: { patch: 'whole' },
  supported_features: { patch: 'whole' },
  max_input_tokens: { patch: 'value' },
  context_size: { patch: 'value' },
  pricing: { patch: 'whole' },
  param_definitions: { patch: 'whole' },
} as const satisfies Record<keyof Required<ApiBotSettings>, FieldRule>;

export type BotField = keyof typeof BOT_FIELDS;

/** The top-level fields a body can carry (all but the handle), in file order. */
export const BODY_FIELDS = (Object.keys(BOT_FIELDS) as BotField[]).filter((k) => BOT_FIELDS[k].patch !== 'identity');

/** Fields of nested objects, in the order a written file has them. */
export const NESTED_ORDER: Record<string, readonly string[]> = {
  pricing: ['prompt', 'completion', 'input_cache_reads', 'context_pricing'] satisfies (keyof Pricing)[],
  tiers: ['min_tokens', 'max_tokens', 'prompt', 'completion', 'input_cache_reads'],
  param_definitions: ['param_name', 'param_dest', 'default_value'],
  parameter_controls: ['api_version', 'sections'],
};

/** Every key order a written file follows: '' for the top level, then by the key an object sits under. */
export const FILE_ORDER: Record<string, readonly string[]> = {
  '': Object.keys(BOT_FIELDS),
  api_bot_settings: Object.keys(SETTINGS_FIELDS),
  ...NESTED_ORDER,
};
