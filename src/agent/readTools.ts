// The tools that only read: the account's bots, one bot, a file's problems, the point balance.

import { validateBotFile } from '../botfile/validate';
import { currentBalance } from '../poe';
import { schema } from './input';
import { short, tool } from './tool';

const HANDLE = {
  type: 'string',
  description: 'The bot\'s handle, as on poe.com/<handle> (e.g. "MyBot").',
  minLength: 1,
} as const;
export const FILE = {
  type: 'string',
  description: 'The path of a *.poebot.json file, relative to the workspace folder.',
  minLength: 1,
} as const;

export const listBots = tool({
  title: 'List Poe bots',
  description:
    'Lists the API bots of the Poe account in use: handle, model, API type, private or public, endpoint address. ' +
    "Use it to find a bot's handle or to see what the account has. Not for a bot's full settings (use poe_get_bot) " +
    'nor for what a file would change (use poe_plan_push).',
  input: schema({}),
  readOnly: true,
  async run(env, _input, signal) {
    const bots = await env.client.listBots({ signal });
    const rows = bots.map((b) => ({
      handle: b.handle,
      description: b.description,
      private: b.is_private,
      model: b.api_bot_settings?.model_name,
      apiType: b.api_bot_settings?.api_type,
      baseUrl: b.api_bot_settings?.base_url,
    }));
    const lines = rows.map(
      (b) =>
        `${b.handle}: ${b.model ?? '?'} (${b.apiType ?? '?'}), ${b.private ? 'private' : 'public'}${b.baseUrl ? `, ${b.baseUrl}` : ''}`,
    );
    return {
      text: short(rows.length ? `${rows.length} bot(s):\n${lines.join('\n')}` : 'This account has no API bots yet.'),
      data: { bots: rows },
    };
  },
});

export const getBot = tool({
  title: 'Get a Poe bot',
  description:
    'Reads one bot as Poe has it now (every setting except its endpoint key, which Poe never returns). Use it to answer ' +
    "questions about a bot on Poe, or to compare with a file. Not to change anything, and not for a file's contents.",
  input: schema({ handle: HANDLE }, ['handle']),
  readOnly: true,
  async run(env, { handle }, signal) {
    const bot = await env.client.getBot(handle, { signal });
    return { text: short(`"${bot.handle}" on Poe:\n${JSON.stringify(bot, null, 2)}`), data: { bot } };
  },
});

export const validateFile = tool({
  title: 'Validate a bot file',
  description:
    "Checks a *.poebot.json file with the editor's schema and cross-field rules, and lists each problem with its line. " +
    'Use it after editing a bot file and before planning a push. It reads only the file; it does not contact Poe.',
  input: schema({ file: FILE }, ['file']),
  readOnly: true,
  async run(env, { file }) {
    const ref = env.file(file);
    const text = await env.read(ref);
    if (text === undefined) return { text: `${ref.label} could not be read.`, data: { file: ref.label }, error: true };
    const problems = validateBotFile(text).problems.map((p) => ({
      line: text.slice(0, Math.max(0, p.offset)).split('\n').length,
      severity: p.severity,
      message: p.message,
      code: p.code,
    }));
    const errors = problems.filter((p) => p.severity === 'error').length;
    const lines = problems.map((p) => `${ref.label}:${p.line} ${p.severity} ${p.message}`);
    return {
      text: short(
        `${ref.label}: ${errors} error(s), ${problems.length - errors} other problem(s).${lines.length ? `\n${lines.join('\n')}` : ''}`,
      ),
      data: { file: ref.label, errors, problems },
    };
  },
});

export const getBalance = tool({
  title: 'Get the Poe point balance',
  description:
    "The Poe account's current point balance. Use it before or after trying a bot, or when asked what is left. Changes " +
    'nothing. Not for what one message cost (poe_try_bot says that itself).',
  input: schema({}),
  readOnly: true,
  async run(env, _input, signal) {
    const points = await currentBalance(env.client, { signal });
    return { text: `Balance: ${points.toLocaleString('en-US')} points.`, data: { points } };
  },
});
