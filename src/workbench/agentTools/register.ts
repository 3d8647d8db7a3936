// The language-model tools' doors, opened at activation: one registration per tool package.json contributes, each
// reading its code (dist/agentTools.js, with src/agent) only when a tool is first prepared or invoked. The write
// tools are registered only in a trusted workspace, and when trust is granted.

import * as vscode from 'vscode';
import { loadAgentTools } from '../lazy';
import type { Services } from '../services';

/** The tag package.json gives every tool that writes to Poe or a file, or spends points. */
export const WRITES_TAG = 'poe-writes';

interface Contributed {
  name: string;
  tags?: string[];
}

export function registerAgentTools(s: Services): vscode.Disposable {
  const contributed =
    (s.context.extension.packageJSON as { contributes?: { languageModelTools?: Contributed[] } }).contributes
      ?.languageModelTools ?? [];
  const registered = new Map<string, vscode.Disposable>();
  const register = () => {
    for (const { name, tags } of contributed) {
      if (registered.has(name) || (tags?.includes(WRITES_TAG) && !vscode.workspace.isTrusted)) continue;
      registered.set(
        name,
        vscode.lm.registerTool<unknown>(name, {
          invoke: (o, token) => loadAgentTools().invoke(s, name, o.input, token),
          prepareInvocation: (o, token) => loadAgentTools().prepare(s, name, o.input, token),
        }),
      );
    }
  };
  register();
  const trust = vscode.workspace.onDidGrantWorkspaceTrust(register);
  return {
    dispose() {
      trust.dispose();
      for (const d of registered.values()) d.dispose();
    },
  };
}
