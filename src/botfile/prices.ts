// Prices are decimal strings of dollars per single token; people think in dollars per million tokens.

import type { Pricing } from '../poe/types';
import { PRICE } from './generated/patterns';

const DECIMAL = new RegExp(PRICE);

/** "0.000003" → "$3 per 1M tokens" (undefined when the string is not a decimal). */
export function perMillion(price: unknown): string | undefined {
  if (typeof price !== 'string' || !DECIMAL.test(price)) return undefined;
  const dollars = Number(price) * 1_000_000;
  let text = dollars >= 100 ? dollars.toFixed(0) : Number(dollars.toPrecision(6)).toString();
  if (/\.\d$/.test(text)) text += '0'; // $0.60, not $0.6
  return `$${text} per 1M tokens`;
}

export function pricePerToken(price: unknown): number | undefined {
  return typeof price === 'string' && DECIMAL.test(price) ? Number(price) : undefined;
}

/**
 * What a message costs a Poe user at these prices (US dollars), from the tokens an endpoint reported. With context
 * tiers, the tier whose range holds the prompt's tokens sets the prices it names; the base prices the rest.
 */
export function messageCost(
  pricing: unknown,
  usage: { inputTokens: number; outputTokens: number },
): number | undefined {
  const p = pricing as Pricing | undefined;
  const tier = p?.context_pricing?.tiers?.find(
    (t) =>
      typeof t?.min_tokens === 'number' &&
      usage.inputTokens >= t.min_tokens &&
      (typeof t.max_tokens !== 'number' || usage.inputTokens < t.max_tokens),
  );
  const input = pricePerToken(tier?.prompt) ?? pricePerToken(p?.prompt);
  const output = pricePerToken(tier?.completion) ?? pricePerToken(p?.completion);
  if (input === undefined && output === undefined) return undefined;
  return usage.inputTokens * (input ?? 0) + usage.outputTokens * (output ?? 0);
}

/** "$0.000123": enough digits to see a fraction of a cent. */
export function dollars(amount: number): string {
  if (amount === 0) return '$0';
  return `$${amount >= 0.01 ? amount.toFixed(amount >= 1 ? 2 : 4) : Number(amount.toPrecision(3)).toString()}`;
}
