// The checks of a bot's prices the schema cannot say: a price per token that reads like a price per 1M, a public bot
// whose output is free, and context tiers that overlap or are out of order.

import { perMillion, pricePerToken } from './prices';
import { isObj, num, type Obj } from './json';
import type { Add, JsonPath } from './problems';

export function checkPricing(s: Obj, isPrivate: unknown, add: Add): void {
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
