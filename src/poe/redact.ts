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
    .replace(/(Bearer\s+)(?!\$)[^\s"',]+/gi, `$1${MASK}`); // "Bearer ${secret:NAME}" and "Bearer $POE_API_KEY" are labels
  for (const s of secrets) {
    if (s && s.length >= 4 && out.includes(s)) out = out.split(s).join(MASK);
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

/** A deep copy with every string redacted (values, not serialized text: a mask never breaks the JSON around it). */
export function redactStrings<T>(value: T): T {
  if (typeof value === 'string') return redactKnown(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactStrings(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = k === 'api_key' && typeof v === 'string' ? MASK : redactStrings(v);
    return out as T;
  }
  return value;
}

/**
 * Redacts a text that arrives in pieces (a streamed reply): a key split across two pieces is still masked. What could
 * be the start of a known key is held back until the next piece shows whether it is one; end() lets the rest go.
 */
export class StreamRedactor {
  private held = '';

  /** The part of the text so far that is safe to show now. */
  push(piece: string): string {
    const text = redactKnown(this.held + piece);
    const keep = heldBack(text);
    this.held = text.slice(text.length - keep);
    return text.slice(0, text.length - keep);
  }

  /** The rest, at the end of the stream. */
  end(): string {
    const rest = redactKnown(this.held);
    this.held = '';
    return rest;
  }
}

/** How many characters at the end of `text` could begin a known key. */
function heldBack(text: string): number {
  let keep = 0;
  for (const s of known) {
    // Only a tail that starts with the key's first character can begin it: no slice for any other position.
    const first = s.charCodeAt(0);
    for (let i = Math.max(0, text.length - s.length + 1); i < text.length - keep; i++) {
      if (text.charCodeAt(i) === first && s.startsWith(text.slice(i))) {
        keep = text.length - i;
        break;
      }
    }
  }
  return keep;
}
