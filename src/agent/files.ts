// Which file an agent means: a path inside the folder the tools serve, naming a *.poebot.json. An agent's path is
// input like any other: one that leaves the folder (../, an absolute path elsewhere) or names another kind of file is
// refused before anything is read.

import path from 'node:path';
import { BOT_FILE_SUFFIX } from '../botfile/names';
import type { BotFileRef } from '../sync';
import { AgentInputError } from './types';

/** A *.poebot.json (or, for `suffix`, another kind of file the tools read: the bot tests) under the folder. */
export function botFileUnder(root: string, given: string, suffix: string = BOT_FILE_SUFFIX): BotFileRef {
  const id = path.resolve(root, given);
  const rel = path.relative(root, id);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel))
    throw new AgentInputError(
      `${JSON.stringify(given)} is outside the workspace folder (${root}): name a bot file inside it.`,
    );
  if (!id.endsWith(suffix))
    throw new AgentInputError(
      `${JSON.stringify(given)} is not a ${suffix === BOT_FILE_SUFFIX ? 'bot file' : 'bot test file'}: its name must end in ${suffix}.`,
    );
  return { id, label: rel.split(path.sep).join('/') };
}
