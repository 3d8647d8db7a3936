// poe-bots mcp: the agent tools (src/agent) as a Model Context Protocol server on stdin/stdout, for any agent. Read-only
// unless --allow-writes; every tool annotated read-only or destructive. stdout carries only the protocol: every log
// line goes to stderr. In dist/ this is a file of its own (mcp.js), with the SDK in it: no other command reads it.

import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type CallToolResult,
  type Tool as McpTool,
} from '@modelcontextprotocol/sdk/types.js';
import { isToolName, offeredTools, runTool, TOOLS, type ToolName } from '../../agent';
import { redactKnown } from '../../poe/redact';
import { apiAddress } from '../env';
import type { Run } from '../table';
import { cliAgentEnv } from './agentEnv';

const log = (message: string) => process.stderr.write(`${redactKnown(message)}\n`);

/** A tool as MCP lists it, with the hints a client uses to ask before a write. */
export function mcpTool(name: ToolName): McpTool {
  const t = TOOLS[name];
  return {
    name,
    title: t.title,
    description: t.description,
    inputSchema: t.input as unknown as McpTool['inputSchema'],
    annotations: { title: t.title, readOnlyHint: t.readOnly, destructiveHint: !t.readOnly, openWorldHint: true },
  };
}

export async function serveMcp(r: Run): Promise<number> {
  // Nothing may print on stdout but the protocol: a stray console.log would corrupt the client's stream.
  console.log = console.error;
  const writes = r.values['allow-writes'] === true;
  const env = cliAgentEnv({ version: r.version, policy: r.policy, warn: log });
  const offered = offeredTools(writes);
  const server = new Server({ name: 'poe-bots', version: r.version }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: offered.map(mcpTool) }));
  server.setRequestHandler(CallToolRequestSchema, async (req, extra): Promise<CallToolResult> => {
    const name = req.params.name;
    const refuse = (text: string): CallToolResult => ({ content: [{ type: 'text', text }], isError: true });
    if (!isToolName(name)) return refuse(`No tool is named "${name}". Tools: ${offered.join(', ')}.`);
    if (!offered.includes(name))
      return refuse(
        `${name} changes things (on Poe, in a file, or your points), and this server is read-only: start it with poe-bots mcp --allow-writes to offer it.`,
      );
    const started = Date.now();
    const res = await runTool(env, name, req.params.arguments ?? {}, extra.signal);
    log(`${name}: ${res.error ? 'refused or failed' : 'done'} (${Date.now() - started} ms)`);
    return {
      content: [{ type: 'text', text: res.text }],
      structuredContent: res.data,
      ...(res.error ? { isError: true } : {}),
    };
  });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
  });
  await server.connect(transport);
  // The client ends the session by closing our stdin (or by Ctrl-C on a terminal).
  process.stdin.once('end', () => void server.close());
  r.signal.addEventListener('abort', () => void server.close(), { once: true });
  log(
    `poe-bots mcp ${r.version}: ${offered.length} tools for Poe at ${new URL(apiAddress()).host}, ${writes ? 'writes allowed' : 'read-only (--allow-writes offers the write tools)'}.`,
  );
  await closed;
  return 0;
}
