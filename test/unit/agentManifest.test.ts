// package.json's languageModelTools are the agent tools' table (src/agent/tools.ts), field for field: the editor
// registers exactly what core defines, the model reads core's descriptions, and writes are tagged (WRITES_TAG in
// src/workbench/agentTools/register.ts) and need trust.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { TOOL_NAMES, TOOLS } from '../../src/agent';

interface Contributed {
  name: string;
  displayName: string;
  toolReferenceName: string;
  modelDescription: string;
  userDescription: string;
  canBeReferencedInPrompt: boolean;
  tags: string[];
  when?: string;
  inputSchema: unknown;
}

describe('package.json languageModelTools', () => {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
    contributes: { languageModelTools: Contributed[] };
  };
  const tools = pkg.contributes.languageModelTools;

  it("lists every agent tool, in the table's order, with its title, model description and input schema", () => {
    assert.deepEqual(
      tools.map((t) => t.name),
      TOOL_NAMES,
    );
    for (const t of tools) {
      const core = TOOLS[t.name as keyof typeof TOOLS];
      assert.equal(t.displayName, core.title, t.name);
      assert.equal(t.modelDescription, core.description, t.name);
      assert.deepEqual(t.inputSchema, JSON.parse(JSON.stringify(core.input)), t.name);
      assert.equal(
        t.toolReferenceName,
        t.name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()),
      );
      assert.equal(t.canBeReferencedInPrompt, true);
      assert.ok(
        core.description.startsWith(t.userDescription.replace(/\.$/, '')),
        `${t.name}: the user's description is the model's first sentence`,
      );
    }
  });

  it('tags the write tools, which need a trusted workspace; the read tools do not', () => {
    for (const t of tools) {
      const writes = !TOOLS[t.name as keyof typeof TOOLS].readOnly;
      assert.equal(t.tags.includes('poe-writes'), writes, t.name);
      assert.equal(t.when, writes ? 'isWorkspaceTrusted' : undefined, t.name);
    }
  });
});
