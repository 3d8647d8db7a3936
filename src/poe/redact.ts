// Keeps keys out of anything that is logged or shown: the Poe key, endpoint keys, and every api_key value.

const MASK = '«redacted»';

/** Removes `api_key` values, Bearer tokens and each known secret from a piece of text. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text
    .replace(/("api_key"\s*:\s*)"(?:[^"\\]|\\.)*"/g, `$1"${MASK}"`)
    .replace(/(Bearer\s+)[^\s"',]+/gi, `$1${MASK}`);
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join(MASK);
  }
  return out;
}

/** A deep copy with every `api_key` value masked, for logging structured bodies. */
export function redactValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => redactValue(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === 'api_key' && v !== undefined ? MASK : redactValue(v);
    return out as T;
  }
  return value;
}
