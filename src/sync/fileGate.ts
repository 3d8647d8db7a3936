// The one gate before a creator's bot file is written (the editor's Pull and Pull All, `poe-bots pull`, and next the
// agent tools): which file a bot goes to, and whether that file may be written at all. A file is the creator's: one
// that holds another bot, one that does not parse or is mid-merge, one claimed twice, one outside the folder, one
// edited since it was last written: none is replaced unasked. The callers only answer questions and write.

import { BOT_FILE_SUFFIX, UNSAFE_IN_FILE_NAME, botFileName } from '../botfile/names';
import { sha256 } from '../botfile/normalize';
import { parseBotFile, type ParsedBotFile } from '../botfile/parse';
import { readBotFile } from '../botfile/read';
import { english, type BaselineStore, type BotFileRef, type Translate } from './types';

export interface FileQuestions {
  /** `file`, at the bot's usual name, holds another bot (`holds`): may this bot go to `instead`? false keeps both as they are. */
  otherHandle(q: {
    handle: string;
    file: BotFileRef;
    holds: string | undefined;
    instead: BotFileRef;
  }): Promise<boolean>;
}

export interface GateEnv {
  read(file: BotFileRef): Promise<string | undefined>;
  /** Every bot file in the chosen folder whose "handle" is this one, compared case-insensitively (Poe's docs do not say). */
  filesFor(handle: string): Promise<BotFileRef[]>;
  /** A file of this plain name in the chosen folder. */
  newFile(name: string): BotFileRef;
  questions?: FileQuestions;
  baselines?: BaselineStore;
  t?: Translate;
}

/** Where a bot may be written: `current` is the text there now (undefined: a new file). */
export type Target =
  | {
      ok: true;
      file: BotFileRef;
      current: string | undefined;
      instead?: { file: BotFileRef; holds: string | undefined };
    }
  | { ok: false; file?: BotFileRef; reason: string };

/** Refusals carry this, so a caller can tell a refused file from a failed run. */
export class FileRefusedError extends Error {
  readonly userFacing = true;
}

/** Why this handle cannot name a file in the folder, or undefined when it is a plain file name. */
export function unsafeHandle(handle: string, t: Translate = english): string | undefined {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!handle || UNSAFE_IN_FILE_NAME.test(handle) || /[\u0000-\u001f\u007f]/.test(handle) || handle.includes('..')) {
    return t(
      'Poe sent the handle {0}, which is not a plain file name: nothing was written for it.',
      JSON.stringify(handle),
    );
  }
  return undefined;
}

/** The 1-based line of the first merge-conflict marker (<<<<<<<, =======, >>>>>>> or ||||||| at a line start). */
export function conflictMarkerLine(text: string): number | undefined {
  const m = /^(?:<{7}|={7}|>{7}|\|{7})/m.exec(text);
  return m ? lineAt(text, m.index) : undefined;
}

/** Why this text may not be edited by a pull (mid-merge, or does not parse), naming the line; undefined when it may. */
export function unreadable(label: string, text: string, t: Translate = english): string | undefined {
  const marker = conflictMarkerLine(text);
  if (marker !== undefined)
    return t(
      '{0} has merge-conflict markers (line {1}): resolve the conflict, then pull again. Pull never rewrites a file it cannot read.',
      label,
      marker,
    );
  const parsed = parseBotFile(text);
  const first = parsed.syntax[0];
  if (first)
    return t(
      '{0} does not parse (line {1}: {2}): fix it, then pull again. Pull never rewrites a file it cannot read.',
      label,
      lineAt(text, first.offset),
      first.message,
    );
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value))
    return t('{0} is not a bot file (a JSON object): pull leaves it as it is.', label);
  return undefined;
}

/** The handle a bot file's text names, if it parses that far. */
export function handleInText(text: string): string | undefined {
  return readBotFile(text).handle;
}

/**
 * The file this bot may be written into: its one existing file in the folder, else `<handle>.poebot.json`, else (that
 * name holds another bot, and the creator agrees) the first free `<handle>.pulled.poebot.json`. `taken` holds the
 * files (lower case) already chosen in this run, so two bots differing only in case never share a file.
 */
export async function targetFor(env: GateEnv, handle: string, taken: Set<string>): Promise<Target> {
  const t = env.t ?? english;
  const unsafe = unsafeHandle(handle, t);
  if (unsafe) return { ok: false, reason: unsafe };
  const claimed = await env.filesFor(handle);
  if (claimed.length > 1) {
    return {
      ok: false,
      reason: t(
        '{0} files claim the handle "{1}": {2}. Pull writes none of them until one file holds it.',
        claimed.length,
        handle,
        claimed.map((f) => f.label).join(', '),
      ),
    };
  }
  let file = claimed[0] ?? env.newFile(botFileName(handle));
  let current = await env.read(file);
  let instead: { file: BotFileRef; holds: string | undefined } | undefined;
  if (current !== undefined) {
    const why = unreadable(file.label, current, t);
    if (why) return { ok: false, file, reason: why };
    const holds = handleInText(current);
    if (holds !== handle && holds?.toLowerCase() === handle.toLowerCase()) {
      return {
        ok: false,
        file,
        reason: t(
          '{0} holds "{1}", which differs from "{2}" only in case; Poe\'s docs do not say whether that is the same bot, so pull leaves it. Rename one of them.',
          file.label,
          holds,
          handle,
        ),
      };
    }
    if (holds !== handle) {
      const free = await freeName(env, handle);
      if (!free)
        return {
          ok: false,
          file,
          reason: t(
            '{0} holds "{1}", not "{2}", and no free name was found beside it.',
            file.label,
            holds ?? '',
            handle,
          ),
        };
      if (!env.questions || !(await env.questions.otherHandle({ handle, file, holds, instead: free }))) {
        return {
          ok: false,
          file,
          reason: t('{0} holds "{1}", not "{2}": left as it is.', file.label, holds ?? t('no handle'), handle),
        };
      }
      instead = { file, holds };
      file = free;
      current = undefined;
    }
  }
  const key = file.id.toLowerCase();
  if (taken.has(key))
    return {
      ok: false,
      file,
      reason: t(
        '{0} is already the file of another bot in this pull (handles that differ only in case?): nothing was written for "{1}".',
        file.label,
        handle,
      ),
    };
  taken.add(key);
  return { ok: true, file, current, instead };
}

async function freeName(env: GateEnv, handle: string): Promise<BotFileRef | undefined> {
  for (let i = 1; i <= 20; i++) {
    const file = env.newFile(`${handle}.pulled${i === 1 ? '' : `-${i}`}${BOT_FILE_SUFFIX}`);
    if ((await env.read(file)) === undefined) return file;
  }
  return undefined;
}

/**
 * A hash of what a file says, as last written or pushed, to notice the creator's edits since. Its JSON value, keys
 * sorted, when it parses: an in-place pull keeps comments, layout and order, so only a changed value could be lost,
 * and a comment added since is no reason to ask. The raw text otherwise. No key is in it (files hold references).
 */
export async function contentHash(text: string, known?: ParsedBotFile): Promise<string> {
  const parsed = known?.text === text ? known : parseBotFile(text);
  return sha256(parsed.syntax.length ? text : sortedJson(parsed.value)!);
}

/**
 * The JSON of the value with its keys sorted, written in one pass: the very text `JSON.stringify` gave of a sorted
 * copy (every lock file records a hash of that), so an object's integer-like keys still come first, in numeric order.
 */
function sortedJson(v: unknown): string | undefined {
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += `${i ? ',' : ''}${sortedJson(v[i]) ?? 'null'}`;
    return `${out}]`;
  }
  if (typeof v !== 'object' || v === null) return JSON.stringify(v);
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  const index = keys.filter(isIndex);
  const order = index.length
    ? [...index.sort((a, b) => Number(a) - Number(b)), ...keys.filter((k) => !isIndex(k))]
    : keys;
  let out = '{';
  let first = true;
  for (const k of order) {
    const value = sortedJson(o[k]);
    if (value === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${value}`;
    first = false;
  }
  return `${out}}`;
}

/** A key an object keeps in numeric order ahead of the others (an array index: "0", "7", not "07" or "-1"). */
const isIndex = (k: string) => /^(?:0|[1-9]\d*)$/.test(k) && Number(k) < 2 ** 32 - 1;

/** Whether the file was edited since this tool last wrote or pushed it (unknown, so false, without a baseline). */
export async function editedSince(
  baselines: BaselineStore | undefined,
  file: BotFileRef,
  current: string | undefined,
): Promise<boolean> {
  const recorded = current === undefined ? undefined : baselines?.get(file)?.contentHash;
  return recorded !== undefined && recorded !== (await contentHash(current!));
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
