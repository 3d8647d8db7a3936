// A pulled bot written into an existing file in place: only the values Poe changed are edited (jsonc-parser's
// modify), so the creator's comments, field order, formatting and own key reference stay, as VS Code edits
// settings.json. A new file gets the whole pulled bot; a file that does not parse is never rewritten (the file gate
// refuses it first, and this throws). A leading BOM stays.

import { applyEdits, modify, type FormattingOptions, type JSONPath } from 'jsonc-parser';
import { isObj, type Obj } from '../botfile/json';
import { deepEqual, normalizeBot, renderBotFile } from '../botfile/normalize';
import { parseBotFile } from '../botfile/parse';
import { referenceText, type KeyReference } from '../botfile/secrets';
import type { Bot } from '../poe';

/** Fields of the file that Poe never returns: a pull leaves them as the file has them. */
const KEEP = (path: JSONPath) =>
  (path.length === 1 && path[0] === '$schema') ||
  (path.length === 2 && path[0] === 'api_bot_settings' && path[1] === 'api_key');

export function pulledText(current: string | undefined, bot: Bot, keyRef?: KeyReference): string {
  return pullEdits(current, bot, keyRef).text;
}

const BOM = '\uFEFF';

/** The pulled text and the fields it changes ("description", "api_bot_settings.pricing"), for a dry run's words. */
export function pullEdits(
  current: string | undefined,
  bot: Bot,
  keyRef?: KeyReference,
): { text: string; fields: string[] } {
  if (current === undefined) return { text: renderBotFile(bot, keyRef), fields: [] };
  const bom = current.startsWith(BOM) ? BOM : '';
  const body = current.slice(bom.length);
  const parsed = parseBotFile(body);
  if (parsed.syntax.length || !isObj(parsed.value))
    throw new Error('A bot file that does not parse is never rewritten by a pull.');
  const want = normalizeBot(bot) as unknown as Obj;
  const settings = isObj(parsed.value.api_bot_settings) ? parsed.value.api_bot_settings : undefined;
  if (keyRef && settings?.api_key === undefined)
    want.api_bot_settings = {
      ...(isObj(want.api_bot_settings) ? want.api_bot_settings : {}),
      api_key: referenceText(keyRef),
    };
  const formatting = formattingOf(body);
  let text = body;
  const edits = changes(parsed.value, want, []);
  for (const [path, value] of edits) {
    text = applyEdits(text, modify(text, path, value, { formattingOptions: formatting }));
  }
  const fields = [
    ...new Set(
      edits.map(([path]) =>
        path
          .slice(0, 2)
          .filter((k) => typeof k === 'string')
          .join('.'),
      ),
    ),
  ];
  return { text: bom + text, fields };
}

/** The edits that turn `have` into `want`: [path, new value] pairs, undefined for a removal. Arrays of the same
 * length are edited item by item, so comments inside unchanged items stay. */
function changes(have: unknown, want: unknown, path: JSONPath): [JSONPath, unknown][] {
  if (deepEqual(have, want)) return [];
  if (isObj(have) && isObj(want)) {
    const out: [JSONPath, unknown][] = [];
    for (const [k, v] of Object.entries(want)) {
      // The file's own $schema and key reference are never changed; a reference is only added where none is.
      if (!KEEP([...path, k])) out.push(...changes(have[k], v, [...path, k]));
      else if (have[k] === undefined && v !== undefined) out.push([[...path, k], v]);
    }
    for (const k of Object.keys(have)) if (!(k in want) && !KEEP([...path, k])) out.push([[...path, k], undefined]);
    return out;
  }
  if (Array.isArray(have) && Array.isArray(want) && have.length === want.length) {
    return want.flatMap((v, i) => changes(have[i], v, [...path, i]));
  }
  return [[path, want]];
}

/** The file's own indentation and line ends, so inserted text looks like the rest. */
function formattingOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.includes('\t'),
    tabSize: indent.includes('\t') ? 4 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}
