// One read of a bot file into a typed view that every caller takes (push, pull, Check Endpoint, Try Bot, the tree,
// the command line): the handle, the bot, its settings, and the endpoint key's text, reference and label. A caller
// never digs api_key or the handle out of an untyped value itself, so no two callers can treat a key differently.

import type { ApiBotSettings, Bot } from '../poe/types';
import { isObj, type Obj } from './json';
import { parseBotFile, type ParsedBotFile } from './parse';
import { keyLabel, parseKeyReference, type KeyReference } from './secrets';

export interface BotFileView {
  parsed: ParsedBotFile;
  /** The bot as the file says it, without $schema ({} when the file is not an object). Not validated. */
  bot: Obj;
  /** The handle, when the file has a non-empty one. */
  handle?: string;
  /** api_bot_settings ({} when there are none), typed as the API names them. Not validated. */
  settings: ApiBotSettings;
  /** api_key as written (a reference, or a key written out), when it is text. */
  keyText?: string;
  keyReference?: KeyReference | 'literal' | 'malformed';
  /** How the key is named in every message: "${secret:NAME}", "${env:NAME}", or "api_key" (never the key). */
  keyLabel?: string;
}

export const readBotFile = (text: string): BotFileView => viewOf(parseBotFile(text));

/** The view of a file already parsed (or validated: a Validated is a ParsedBotFile). */
export function viewOf(parsed: ParsedBotFile): BotFileView {
  const { $schema: _schema, ...bot } = isObj(parsed.value) ? parsed.value : {};
  const settings = (isObj(bot.api_bot_settings) ? bot.api_bot_settings : {}) as ApiBotSettings;
  const keyText = typeof settings.api_key === 'string' ? settings.api_key : undefined;
  return {
    parsed,
    bot,
    settings,
    keyText,
    handle: typeof bot.handle === 'string' && bot.handle ? bot.handle : undefined,
    keyReference: keyText === undefined ? undefined : parseKeyReference(keyText),
    keyLabel: keyText === undefined ? undefined : keyLabel(keyText),
  };
}

/** The bot as Try Bot and Check Endpoint use it: the file's fields under Poe's names (not validated). */
export const asBot = (view: BotFileView): Bot =>
  ({ description: '', is_private: false, ...view.bot, handle: view.handle ?? '' }) as Bot;

/** What Check Endpoint needs from a file, or which part is missing (each caller says it in its own words). */
export function endpointTarget(
  view: BotFileView,
): { handle: string; settings: ApiBotSettings; keyText?: string } | { missing: 'handle' | 'endpoint' } {
  if (!view.handle) return { missing: 'handle' };
  if (!view.settings.base_url || !view.settings.model_name) return { missing: 'endpoint' };
  return { handle: view.handle, settings: view.settings, keyText: view.keyText };
}
