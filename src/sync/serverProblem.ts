// Where in the file a refusal from Poe belongs. Poe's error envelope has only a sentence, in no fixed format, so this
// looks in the sentence for a field the file has (a dotted path like "pricing.prompt", or a field name) and points
// at the most specific one; a sentence that names no field of the file belongs to the file as a whole.

import type { JsonPath } from '../botfile/problems';
import { isObj } from '../botfile/json';
import { MAX_REFUSAL_SCAN_CHARS } from '../poe/bounds';

const CANDIDATE = /[A-Za-z_][A-Za-z0-9_]*(?:\[\d*\])?(?:\.[A-Za-z_][A-Za-z0-9_]*(?:\[\d*\])?)*/g;

/**
 * The path of the field the message names, as deep as the file has it; [] when it names none. Only the message's
 * opening is searched (a refusal names its field early), each distinct word once, and the bot's objects are listed
 * once: the work grows with the bot and that opening, never with the length of what the server sent.
 */
export function locateServerProblem(message: string, bot: unknown): JsonPath {
  let best = { path: [] as JsonPath, matched: 0 };
  const objects = objectsIn(bot, []);
  const seen = new Set<string>();
  for (const m of message.slice(0, MAX_REFUSAL_SCAN_CHARS).matchAll(CANDIDATE)) {
    if (seen.has(m[0])) continue;
    seen.add(m[0]);
    const path = segments(m[0]);
    // A lone word ("value", "name") is too common to look for deep inside controls: only a main field counts.
    const found = path.length > 1 ? resolve(path, objects) : resolveWord(path[0], bot);
    if (found.matched > best.matched || (found.matched === best.matched && found.path.length > best.path.length))
      best = found;
  }
  return best.path;
}

/** "a.b[2].c" → ['a', 'b', 2, 'c']; an index left out ("tiers[]") stops the path there. */
function segments(text: string): (string | number | undefined)[] {
  const out: (string | number | undefined)[] = [];
  for (const part of text.split('.')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d*)\])?$/.exec(part);
    if (!m) return out;
    out.push(m[1]!);
    if (m[2] !== undefined) out.push(m[2] === '' ? undefined : Number(m[2]));
  }
  return out;
}

/** The longest run of `path` found in the bot, starting at its top or at any object inside it. */
function resolve(
  path: (string | number | undefined)[],
  objects: [JsonPath, unknown][],
): { path: JsonPath; matched: number } {
  let best = { path: [] as JsonPath, matched: 0 };
  for (const [prefix, node] of objects) {
    const found = walk(path, node, prefix);
    if (found.length - prefix.length > best.matched) best = { path: found, matched: found.length - prefix.length };
  }
  return best;
}

function resolveWord(word: string | number | undefined, bot: unknown): { path: JsonPath; matched: number } {
  if (typeof word !== 'string' || !isObj(bot)) return { path: [], matched: 0 };
  if (word in bot && word !== 'api_bot_settings') return { path: [word], matched: 1 };
  if (isObj(bot.api_bot_settings) && word in bot.api_bot_settings)
    return { path: ['api_bot_settings', word], matched: 1 };
  return { path: [], matched: 0 };
}

function walk(path: (string | number | undefined)[], node: unknown, at: JsonPath): JsonPath {
  const out = [...at];
  let cur = node;
  for (const seg of path) {
    if (seg === undefined) break;
    if (typeof seg === 'number' ? !Array.isArray(cur) || seg >= cur.length : !isObj(cur) || !(seg in cur)) break;
    cur = (cur as Record<string | number, unknown>)[seg];
    out.push(seg);
  }
  return out.length > at.length ? out : [];
}

/** Every object in the bot with its path, top first (arrays are walked into, so "tiers" inside pricing is found). */
function objectsIn(node: unknown, at: JsonPath, out: [JsonPath, unknown][] = []): [JsonPath, unknown][] {
  if (isObj(node)) {
    out.push([at, node]);
    for (const [k, v] of Object.entries(node)) objectsIn(v, [...at, k], out);
  } else if (Array.isArray(node)) {
    node.forEach((v, i) => objectsIn(v, [...at, i], out));
  }
  return out;
}
