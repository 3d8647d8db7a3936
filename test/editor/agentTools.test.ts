// The language-model tools in a real editor, against the fake Poe: VS Code lists them, invoking poe_list_bots
// returns the account's bots (no model needed for that), and a push tool's confirmation is the plan's own lines.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PoeBotsExtensionApi } from '../../src/extension';
import { clearBaselines, DEMO_KEY, extension, fakeLog, resetFake, workspaceUri, writeText } from './helpers';

const TOOLS = [
  'poe_list_bots',
  'poe_get_bot',
  'poe_validate_bot_file',
  'poe_plan_push',
  'poe_check_endpoint',
  'poe_get_balance',
  'poe_run_bot_tests',
  'poe_push_bot_file',
  'poe_pull_bot',
  'poe_try_bot',
];

async function invoke(name: string, input: object): Promise<string[]> {
  const r = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return r.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : ''));
}

describe('Language-model tools', () => {
  let x: PoeBotsExtensionApi;
  before(async () => {
    x = await extension();
  });
  beforeEach(async () => {
    await resetFake();
    process.env.POE_API_KEY = DEMO_KEY;
  });
  afterEach(async () => {
    await clearBaselines(x);
    for (const f of await vscode.workspace.findFiles('Agent*.poebot.json')) await vscode.workspace.fs.delete(f);
  });

  it('vscode.lm.tools lists the Poe tools, with their model descriptions', () => {
    const ours = vscode.lm.tools.filter((t) => t.name.startsWith('poe_'));
    assert.deepEqual(ours.map((t) => t.name).sort(), [...TOOLS].sort());
    assert.match(ours.find((t) => t.name === 'poe_plan_push')!.description, /Sends nothing\. Returns a plan id/);
  });

  it("invoking poe_list_bots returns the account's bots", async () => {
    const [text, data] = await invoke('poe_list_bots', {});
    assert.match(text!, /^3 bot\(s\):\nGlmHelper: /);
    assert.deepEqual(
      (JSON.parse(data!) as { bots: { handle: string }[] }).bots.map((b) => b.handle),
      ['GlmHelper', 'ThinkingTutor', 'DraftBot'],
    );
    assert.ok(!text!.includes(DEMO_KEY) && !data!.includes(DEMO_KEY));
  });

  it("poe_push_bot_file's confirmation is the plan's lines, key lines included; planning sent nothing", async () => {
    await writeText(
      workspaceUri('AgentNew.poebot.json'),
      JSON.stringify({
        handle: 'AgentNew',
        description: 'from an agent',
        api_bot_settings: { base_url: 'https://api.example.com/v1', model_name: 'm', api_key: '${secret:AGENT_NEW}' },
      }),
    );
    await x.testing.services.keys.storeEndpointSecret('AGENT_NEW', 'sk-agent-new-endpoint-key-1');
    const [text, data] = await invoke('poe_plan_push', { file: 'AgentNew.poebot.json' });
    const plan = JSON.parse(data!) as { planId: string; lines: string[]; title: string };
    assert.ok(plan.planId, text);
    assert.ok(
      plan.lines.includes('The endpoint key from ${secret:AGENT_NEW} is sent, for Poe to use with api.example.com.'),
      plan.lines.join('\n'),
    );
    const prepared = await x.testing.prepareTool('poe_push_bot_file', { plan_id: plan.planId });
    assert.deepEqual(prepared.confirmationMessages, { title: plan.title, message: plan.lines.join('\n') });
    assert.match(plan.title, /^Create "AgentNew" on /);
    assert.deepEqual(
      (await fakeLog()).filter((r) => r.method !== 'GET'),
      [],
    );
    assert.ok(!text!.includes('sk-agent-new-endpoint-key-1') && !data!.includes('sk-agent-new-endpoint-key-1'));
  });
});
