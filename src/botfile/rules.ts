// Checks the schema cannot say: fields that must agree with each other, and values that are legal but likely wrong.

import { checkControls } from './controlRules';
import { checkPricing } from './pricingRules';
import { atPath, type JsonPath, type Problem, type Severity } from './problems';
import { parseKeyReference } from './secrets';
import { isLoopbackHost } from '../poe/baseUrl';
import { SAFE_HANDLE, SAFE_HANDLE_TEXT } from './names';
import { isObj, num } from './json';

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
