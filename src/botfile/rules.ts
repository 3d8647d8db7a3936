// Checks the schema cannot say: fields that must agree with each other, and values that are legal but likely wrong.

import { eachControl } from './controls';
import { perMillion, pricePerToken } from './prices';
import { atPath, type JsonPath, type Problem, type Severity } from './problems';
import { parseKeyReference } from './secrets';
import { isLoopbackHost } from '../poe/baseUrl';
import { SAFE_HANDLE, SAFE_HANDLE_TEXT } from './names';
import { isObj, type Obj } from './json';

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function crossFieldProblems(bot: unknown): Problem[] {
  if (!isObj(bot)) return [];
  const out: Problem[] = [];
  const add = (severity: Severity, code: string, path: JsonPath, message: string, part: 'key' | 'value' = 'value') =>
    out.push(atPath(severity, code, path, message, part));
  const s = isObj(bot.api_bot_settings) ? bot.api_bot_settings : {};
  const S = ['api_bot_settings'];

  // Poe does not document its handle rules: ours are an assumption, so breaking them is a warning.
  if (typeof bot.handle === 'string' && bot.handle && !SAFE_HANDLE.test(bot.handle)) {
    add(
      'warning',
      'handle-unusual',
      ['handle'],
      `Poe does not document which handles it accepts; ${SAFE_HANDLE_TEXT} are known to work. Poe decides when you push.`,
    );
  }

  // The schema's pattern lets through text no URL parser accepts (a port of "443a"): where would the key go?
  if (typeof s.base_url === 'string' && /^https?:\/\//.test(s.base_url) && !parses(s.base_url)) {
    add(
      'error',
      'bad-address',
      [...S, 'base_url'],
      'This is not an address a URL parser accepts (check the host and port), so Poe could not call it and where its key would go cannot be shown.',
    );
  }

  // An endpoint on this machine: fine while developing it, but Poe's servers cannot reach it.
  const local = localEndpoint(s.base_url);
  if (local) {
    add(
      'warning',
      local === 'http' ? 'local-http' : 'local-endpoint',
      [...S, 'base_url'],
      local === 'http'
        ? "Poe's servers cannot reach a server on your machine, and a push refuses http://: use this address with Check Endpoint while you develop, then an https:// address Poe can reach."
        : "Poe's servers cannot reach a server on your machine: the bot will not answer on Poe until base_url is an address they can reach.",
    );
  }

  // Endpoint key: a reference, never the key itself.
  if (typeof s.api_key === 'string') {
    const ref = parseKeyReference(s.api_key);
    if (ref === 'literal')
      add(
        'warning',
        'literal-key',
        [...S, 'api_key'],
        'This is an endpoint key written in the file: anyone who can read the file can use it. Move it to secret storage and write ${secret:NAME} instead.',
      );
    if (ref === 'malformed')
      add(
        'error',
        'bad-reference',
        [...S, 'api_key'],
        'Not a valid key reference: write ${secret:NAME} or ${env:NAME}.',
      );
  }

  // Video input only through the Chat Completions API.
  if (Array.isArray(s.input_modalities) && s.input_modalities.includes('video') && s.api_type === 'responses_api') {
    add(
      'error',
      'video-responses',
      [...S, 'input_modalities', s.input_modalities.indexOf('video')],
      'Video input works only with "api_type": "chat_completions_api".',
    );
  }

  if (num(s.max_input_tokens) && num(s.context_size) && s.max_input_tokens > s.context_size) {
    add(
      'error',
      'input-over-context',
      [...S, 'max_input_tokens'],
      `max_input_tokens (${s.max_input_tokens}) is larger than context_size (${s.context_size}).`,
    );
  }

  checkPricing(s, bot.is_private, add);
  checkControls(bot, s, add);
  return out;
}

function parses(url: string): boolean {
  try {
    return Boolean(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** 'http' or 'https' for a base_url on this machine; undefined for anything else (or not a URL). */
export function localEndpoint(baseUrl: unknown): 'http' | 'https' | undefined {
  if (typeof baseUrl !== 'string') return undefined;
  try {
    const url = new URL(baseUrl);
    if (!isLoopbackHost(url.hostname)) return undefined;
    return url.protocol === 'http:' ? 'http' : url.protocol === 'https:' ? 'https' : undefined;
  } catch {
    return undefined;
  }
}

type Add = (severity: Severity, code: string, path: JsonPath, message: string, part?: 'key' | 'value') => void;

function checkPricing(s: Obj, isPrivate: unknown, add: Add): void {
  if (!isObj(s.pricing)) return;
  const P = ['api_bot_settings', 'pricing'];
  const priced = (obj: Obj, path: JsonPath) => {
    for (const k of ['prompt', 'completion', 'input_cache_reads']) {
      const v = pricePerToken(obj[k]);
      if (v !== undefined && v > 1)
        add(
          'warning',
          'price-high',
          [...path, k],
          `${perMillion(obj[k])}: prices are dollars per single token, so this charges more than $1 for every token. Did you mean a price per 1M tokens? Divide by 1,000,000.`,
        );
    }
  };
  priced(s.pricing, P);
  if (isPrivate === false && pricePerToken(s.pricing.completion) === 0) {
    add(
      'warning',
      'free-completion',
      [...P, 'completion'],
      "This public bot charges nothing for output tokens: users can run up your endpoint's costs for free.",
    );
  }
  const cp = s.pricing.context_pricing;
  const tiers = isObj(cp) && Array.isArray(cp.tiers) ? cp.tiers : [];
  const T = [...P, 'context_pricing', 'tiers'];
  tiers.forEach((t, i) => {
    if (!isObj(t)) return;
    priced(t, [...T, i]);
    if (num(t.min_tokens) && num(t.max_tokens) && t.min_tokens >= t.max_tokens)
      add(
        'error',
        'tier-range',
        [...T, i, 'max_tokens'],
        `max_tokens (${t.max_tokens}) must be greater than min_tokens (${t.min_tokens}).`,
      );
    const prev = tiers[i - 1];
    if (i === 0 || !isObj(prev) || !num(t.min_tokens) || !num(prev.min_tokens)) return;
    if (t.min_tokens <= prev.min_tokens)
      add(
        'error',
        'tier-order',
        [...T, i, 'min_tokens'],
        `Tiers must be sorted by min_tokens: ${t.min_tokens} comes after ${prev.min_tokens}.`,
      );
    else if (prev.max_tokens === undefined || prev.max_tokens === null)
      add(
        'error',
        'tier-overlap',
        [...T, i - 1],
        `Tier ${i} has no max_tokens (no upper limit), so it overlaps the tier after it. Give it "max_tokens": ${t.min_tokens}.`,
      );
    else if (num(prev.max_tokens) && prev.max_tokens > t.min_tokens)
      add(
        'error',
        'tier-overlap',
        [...T, i, 'min_tokens'],
        `This tier starts at ${t.min_tokens}, inside the previous tier (which runs to ${prev.max_tokens}).`,
      );
  });
}

function checkControls(bot: Obj, s: Obj, add: Add): void {
  const pc = isObj(bot.parameter_controls) ? bot.parameter_controls : undefined;
  if (pc && Array.isArray(pc.sections)) {
    if (pc.sections.length === 0)
      add(
        'warning',
        'no-sections',
        ['parameter_controls', 'sections'],
        "Poe's parameter-controls guide says every interface needs at least one section.",
      );
    pc.sections.forEach((sec, i) => {
      if (isObj(sec) && sec.controls !== undefined && sec.tabs !== undefined)
        add(
          'error',
          'section-both',
          ['parameter_controls', 'sections', i, 'tabs'],
          'A section has either controls or tabs, not both.',
          'key',
        );
      if (isObj(sec) && sec.controls === undefined && sec.tabs === undefined)
        add('error', 'section-empty', ['parameter_controls', 'sections', i], 'A section needs "controls" or "tabs".');
    });
  }
  const defaults = new Map<string, { value: unknown; path: JsonPath }>();
  const controlNames = new Set<string>();
  for (const { control: c, path } of eachControl(bot)) {
    const name = typeof c.parameter_name === 'string' ? c.parameter_name : undefined;
    if (name) controlNames.add(name);
    if (c.control === 'slider' && num(c.min_value) && num(c.max_value)) {
      if (c.min_value > c.max_value)
        add(
          'error',
          'slider-range',
          [...path, 'max_value'],
          `max_value (${c.max_value}) is below min_value (${c.min_value}).`,
        );
      if (num(c.default_value) && (c.default_value < c.min_value || c.default_value > c.max_value))
        add(
          'error',
          'slider-default',
          [...path, 'default_value'],
          `default_value ${c.default_value} is outside ${c.min_value}…${c.max_value}.`,
        );
    }
    if (c.control === 'slider' && num(c.step) && c.step <= 0)
      add('error', 'slider-step', [...path, 'step'], 'step must be greater than 0.');
    if (c.control === 'drop_down' && c.default_value !== undefined && Array.isArray(c.options)) {
      const values = c.options.filter(isObj).map((o) => o.value);
      if (!values.includes(c.default_value))
        add(
          'error',
          'dropdown-default',
          [...path, 'default_value'],
          `default_value ${JSON.stringify(c.default_value)} is not one of the options (${values.map((v) => JSON.stringify(v)).join(', ')}).`,
        );
    }
    if (name && c.default_value !== undefined) {
      const first = defaults.get(name);
      if (!first) defaults.set(name, { value: c.default_value, path });
      else if (JSON.stringify(first.value) !== JSON.stringify(c.default_value))
        add(
          'error',
          'shared-default',
          [...path, 'default_value'],
          `Controls that share the parameter "${name}" must share its default (another control sets ${JSON.stringify(first.value)}).`,
        );
    }
  }
  const defs = Array.isArray(s.param_definitions) ? s.param_definitions : [];
  const defNames = new Set<string>();
  defs.forEach((d, i) => {
    if (!isObj(d) || typeof d.param_name !== 'string') return;
    defNames.add(d.param_name);
    if (!controlNames.has(d.param_name))
      add(
        'warning',
        'definition-unused',
        ['api_bot_settings', 'param_definitions', i, 'param_name'],
        `No control in parameter_controls sets "${d.param_name}".`,
      );
  });
  for (const { control: c, path } of eachControl(bot)) {
    const name = c.parameter_name;
    if (typeof name === 'string' && !defNames.has(name) && (defs.length > 0 || pc)) {
      add(
        'warning',
        'control-undefined',
        [...path, 'parameter_name'],
        `"${name}" has no entry in api_bot_settings.param_definitions, so its value is not forwarded to your endpoint.`,
      );
      defNames.add(name); // once per name
    }
  }
}
