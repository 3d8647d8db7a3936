// The language-model tools (contributes.languageModelTools) over the agent tools of src/agent: prepareInvocation
// gives a write tool's confirmation in the words of the editor's own (for a push: the push confirmation's lines,
// key lines included), invoke runs the tool. Read on the first tool call (dist/agentTools.js), never at activation.

import * as vscode from 'vscode';
import { confirmationFor, isToolName, PlanStore, runTool, TOOLS, type ToolName } from '../../agent';
import type { Services } from '../services';
import { requireTrust } from '../trust';
import { Cancelled, ui } from '../ui';
import { editorAgentEnv } from './env';

/** One store per window: a plan id from poe_plan_push is good for poe_push_bot_file in this window only. */
const plans = new PlanStore();

const editorEnv = (s: Services) => editorAgentEnv(s, plans);

function toolNamed(name: string): ToolName {
  if (!isToolName(name)) throw new Error(`No Poe tool is named "${name}".`);
  return name;
}

function abortOn(token: vscode.CancellationToken): AbortSignal {
  const ac = new AbortController();
  if (token.isCancellationRequested) ac.abort();
  else token.onCancellationRequested(() => ac.abort());
  return ac.signal;
}

// The editor's confirmation of a tool call can be turned off by a setting: a workspace must not be able to do that
// for a write (a repository that auto-approves pushes to the creator's account). Where a workspace's settings do,
// the extension asks in a modal of its own.
const AUTO_APPROVE = ['chat.tools.autoApprove', 'chat.tools.global.autoApprove'];
function workspaceAutoApproves(): boolean {
  return AUTO_APPROVE.some((key) => {
    const i = vscode.workspace.getConfiguration().inspect(key);
    return [i?.workspaceValue, i?.workspaceFolderValue].some((v) => v !== undefined && v !== false);
  });
}

export async function prepare(
  s: Services,
  name: string,
  input: unknown,
  token: vscode.CancellationToken,
): Promise<vscode.PreparedToolInvocation> {
  const tool = toolNamed(name);
  const c = await confirmationFor(editorEnv(s), tool, input, abortOn(token));
  if (!c) return { invocationMessage: TOOLS[tool].title };
  return {
    invocationMessage: TOOLS[tool].title,
    confirmationMessages: { title: c.title, message: c.lines.join('\n') },
  };
}

export async function invoke(
  s: Services,
  name: string,
  input: unknown,
  token: vscode.CancellationToken,
): Promise<vscode.LanguageModelToolResult> {
  const tool = toolNamed(name);
  const signal = abortOn(token);
  const env = editorEnv(s);
  if (!TOOLS[tool].readOnly) {
    requireTrust();
    const c = workspaceAutoApproves() ? await confirmationFor(env, tool, input, signal) : undefined;
    if (c && (await ui.confirm(c.title, c.lines.join('\n'), vscode.l10n.t('Continue'))) === undefined)
      throw new Cancelled();
  }
  const r = await runTool(env, tool, input, signal);
  if (!TOOLS[tool].readOnly && !r.error) s.tree.refresh();
  if (r.error) s.log.info(`${tool}: ${r.text}`);
  return new vscode.LanguageModelToolResult([
    new vscode.LanguageModelTextPart(r.text),
    new vscode.LanguageModelTextPart(JSON.stringify(r.data)),
  ]);
}
