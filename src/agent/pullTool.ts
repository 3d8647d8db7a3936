// Pull one bot into its file, through the pull flow and its file gate (src/sync/fileGate.ts): an existing file is
// edited in place (comments, key reference, BOM and line endings kept); a file that holds another bot, does not
// parse, is mid-merge, is claimed twice, or was edited since it was last pulled or pushed is left as it is.

import { planPull, writePull, type PlannedPull, type PullEnv } from '../sync';
import { schema } from './input';
import { tool } from './tool';
import type { AgentEnv } from './types';

async function pullEnv(env: AgentEnv): Promise<PullEnv> {
  // The bot's usual file holds another bot: an agent cannot ask the person, so both are left as they are.
  return { ...(await env.pull()), client: env.client, questions: { otherHandle: async () => false } };
}

function describe(p: PlannedPull, planned: boolean): string {
  const file = p.file?.label ?? '?';
  if (p.change === 'refused') return `Not pulled: ${p.reason ?? 'refused'}`;
  if (p.change === 'same') return `${file} already holds "${p.handle}" as Poe has it: nothing to write.`;
  if (p.change === 'new')
    return planned
      ? `"${p.handle}" would be written to a new file, ${file}.`
      : `Wrote "${p.handle}" to a new file, ${file}.`;
  const fields = p.fields.length ? `: ${p.fields.join(', ')}` : '';
  return planned
    ? `${file} would be edited in place${fields} (its comments and key reference stay).`
    : `Edited ${file} in place${fields}.`;
}

export const pullBot = tool({
  title: 'Pull a bot from Poe into its file',
  description:
    'Writes one bot as Poe has it into its *.poebot.json file in the workspace: an existing file for the handle is edited in ' +
    'place (only the values Poe changed; comments and the key reference stay), otherwise <handle>.poebot.json is created. ' +
    "Refuses files it must not overwrite (another bot's file, syntax errors, merge-conflict markers, edited since the last pull or " +
    'push). Use it to bring a file up to date with Poe before editing it. Not to read a bot (use poe_get_bot).',
  input: schema({ handle: { type: 'string', description: 'The handle of the bot to pull.', minLength: 1 } }, [
    'handle',
  ]),
  readOnly: false,
  async confirm(env, { handle }) {
    const [p] = await planPull(await pullEnv(env), [handle]);
    return {
      title: `Pull "${handle}" from Poe?`,
      lines: [
        p ? describe(p, true) : `"${handle}" is not on this Poe account.`,
        'No endpoint key is written: Poe never returns it.',
      ],
    };
  },
  async run(env, { handle }, signal) {
    const penv = { ...(await pullEnv(env)), signal };
    const [p] = await writePull(penv, await planPull(penv, [handle]));
    if (!p)
      return { text: `"${handle}" is not on this Poe account.`, data: { handle, outcome: 'notFound' }, error: true };
    const outcome = ({ new: 'created', changed: 'updated', same: 'unchanged', refused: 'refused' } as const)[p.change];
    return {
      text: describe(p, false),
      data: {
        handle: p.handle,
        file: p.file?.label ?? null,
        outcome,
        fields: p.fields,
        ...(p.reason ? { reason: p.reason } : {}),
      },
      error: p.change === 'refused' ? true : undefined,
    };
  },
});
