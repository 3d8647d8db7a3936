// Keeps keys out of anything that is logged or shown: the Poe key, endpoint keys, and every api_key value.
//
// Every key this process learns (the Poe key when it is read or typed, an endpoint key when a reference resolves)
// is remembered here, and every error built from text that could hold one (a server's message, a bad reference)
// passes through redactKnown() when it is made. No display point then has to remember to redact.

export const MASK = '«redacted»';

// On globalThis, so that every file of dist/ (extension.js and its siblings) shares the one registry.
const REGISTRY = Symbol.for('poe-bots.knownSecrets');
const known: Set<string> = ((globalThis as Record<symbol, Set<string> | undefined>)[REGISTRY] ??= new Set<string>());

/** Values to mask from now on, everywhere (keys shorter than 4 characters would mask ordinary words). */
export function rememberSecret(...values: (string | undefined)[]): void {
  for (const v of values) if (v && v.length >= 4) known.add(v);
}

/** Every value remembered so far: for tests, and for a log that must scan for them. */
export function knownSecrets(): readonly string[] {
  return [...known];
}

/** Removes `api_key` values, Bearer tokens and each given secret from a piece of text. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text
    .replace(/("api_key"\s*:\s*)"(?:[^"\\]|\\.)*"/g, `$1"${MASK}"`)
    .replace(/(Bearer\s+)[^\s"',]+/gi, `$1${MASK}`);
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join(MASK);
  }
  return out;
}

/** redact() with every secret remembered in this process. */
export function redactKnown(text: string, extra: readonly (string | undefined)[] = []): string {
  return redact(text, [...known, ...extra]);
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
