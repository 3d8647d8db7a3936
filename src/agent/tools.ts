// Every agent tool, once: the editor's language-model tools and `poe-bots mcp` both offer this table, and package.json's
// languageModelTools is held equal to it by a test. runTool is the one way in: the input checked against its schema,
// errors said in a sentence, and every string of the result redacted (no key reaches a model or a client).

import { redactKnown, redactStrings } from '../poe/redact';
import { withoutControls } from '../poe/text';
import { checkEndpoint, tryBot } from './callTools';
import { inputProblem } from './input';
import { pullBot } from './pullTool';
import { planPush, pushBotFile } from './pushTools';
import { getBalance, getBot, listBots, validateFile } from './readTools';
import { runBotTests } from './testTools';
import type { Tool } from './tool';
import type { AgentEnv, ToolConfirmation, ToolResult } from './types';

export type ToolName =
  | 'poe_list_bots'
  | 'poe_get_bot'
  | 'poe_validate_bot_file'
  | 'poe_plan_push'
  | 'poe_check_endpoint'
  | 'poe_get_balance'
  | 'poe_run_bot_tests'
  | 'poe_push_bot_file'
  | 'poe_pull_bot'
  | 'poe_try_bot';

export const TOOLS = {
  poe_list_bots: listBots,
  poe_get_bot: getBot,
  poe_validate_bot_file: validateFile,
  poe_plan_push: planPush,
  poe_check_endpoint: checkEndpoint,
  poe_get_balance: getBalance,
  poe_run_bot_tests: runBotTests,
  poe_push_bot_file: pushBotFile,
  poe_pull_bot: pullBot,
  poe_try_bot: tryBot,
} satisfies Record<ToolName, Tool>;

export const TOOL_NAMES = Object.keys(TOOLS) as ToolName[];
export const isToolName = (name: string): name is ToolName => Object.hasOwn(TOOLS, name);

/** The tools offered: the read-only ones, and the writes only when they are turned on. */
export const offeredTools = (writes: boolean): ToolName[] => TOOL_NAMES.filter((n) => writes || TOOLS[n].readOnly);

const clean = (text: string) => withoutControls(redactKnown(text));

export async function runTool(
  env: AgentEnv,
  name: ToolName,
  input: unknown,
  signal?: AbortSignal,
): Promise<ToolResult> {
  const t: Tool = TOOLS[name];
  const problem = inputProblem(t.input, input ?? {});
  if (problem) return { text: `${name}: ${problem}`, data: { error: problem }, error: true };
  try {
    const r = await t.run(env, input ?? {}, signal);
    return { text: clean(r.text), data: redactStrings(r.data), ...(r.error ? { error: true } : {}) };
  } catch (e) {
    const message = clean(e instanceof Error ? e.message : String(e));
    return { text: message, data: { error: message }, error: true };
  }
}

/** A write tool's confirmation, redacted; undefined for a read-only tool. */
export async function confirmationFor(
  env: AgentEnv,
  name: ToolName,
  input: unknown,
  signal?: AbortSignal,
): Promise<ToolConfirmation | undefined> {
  const t: Tool = TOOLS[name];
  if (t.readOnly || !t.confirm || inputProblem(t.input, input ?? {})) return undefined;
  const c = await t.confirm(env, input, signal);
  return { title: clean(c.title), lines: c.lines.map(clean) };
}
