// poe-bots mcp: the agent tools (src/agent) as a Model Context Protocol server on stdin/stdout, for any agent. Read-only
// unless --allow-writes; every tool annotated read-only or destructive. stdout carries only the protocol: every log
// line goes to stderr. In dist/ this is a file of its own (mcp.js): no other command reads it.
//
// The protocol is MCP's tools over JSON-RPC (rpc.ts): initialize, ping, tools/list, tools/call, and cancellation. It
// is written here rather than taken from @modelcontextprotocol/sdk because the SDK's start alone (its zod schemas,
// 25 ms) is more than a whole `node -e 0`, and an agent starts this server cold. The SDK stays the judge: the tests
// drive this server through the SDK's own Client, and hold PROTOCOL_VERSIONS equal to the SDK's list.

import { isToolName, offeredTools, runTool, TOOLS, type ToolName } from '../../agent';
import { redactKnown } from '../../poe/redact';
import { apiAddress } from '../env';
import type { Run } from '../table';
import { cliAgentEnv } from './agentEnv';
import { RPC_ERROR, RpcError, serveRpc } from './rpc';

/** The MCP revisions this server speaks, newest first (the SDK's SUPPORTED_PROTOCOL_VERSIONS; a test holds them equal). */
export const PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05', '2024-10-07'];

const log = (message: string) => process.stderr.write(`${redactKnown(message)}\n`);

/** A tool as MCP lists it, with the hints a client uses to ask before a write. */
export function mcpTool(name: ToolName) {
  const t = TOOLS[name];
  return {
    name,
    title: t.title,
    description: t.description,
    inputSchema: t.input,
    annotations: { title: t.title, readOnlyHint: t.readOnly, destructiveHint: !t.readOnly, openWorldHint: true },
  };
}

interface ToolResult {
  content: { type: 'text'; text: string }[];
  structuredContent?: unknown;
  isError?: true;
}

export async function serveMcp(r: Run): Promise<number> {
  // Nothing may print on stdout but the protocol: a stray console.log would corrupt the client's stream.
  console.log = console.error;
  const writes = r.values['allow-writes'] === true;
  const env = cliAgentEnv({ version: r.version, policy: r.policy, warn: log });
  const offered = offeredTools(writes);
  const refuse = (text: string): ToolResult => ({ content: [{ type: 'text', text }], isError: true });

  async function callTool(params: Record<string, unknown>, signal: AbortSignal): Promise<ToolResult> {
    const { name, arguments: input } = params;
    if (typeof name !== 'string') throw new RpcError(RPC_ERROR.invalidParams, 'Invalid params: "name" is a string.');
    if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input)))
      throw new RpcError(RPC_ERROR.invalidParams, 'Invalid params: "arguments" is an object.');
    if (!isToolName(name)) return refuse(`No tool is named "${name}". Tools: ${offered.join(', ')}.`);
    if (!offered.includes(name))
      return refuse(
        `${name} changes things (on Poe, in a file, or your points), and this server is read-only: start it with poe-bots mcp --allow-writes to offer it.`,
      );
    const started = Date.now();
    const res = await runTool(env, name, input ?? {}, signal);
    log(
      `${name}: ${signal.aborted ? 'cancelled' : res.error ? 'refused or failed' : 'done'} (${Date.now() - started} ms)`,
    );
    return {
      content: [{ type: 'text', text: res.text }],
      structuredContent: res.data,
      ...(res.error ? { isError: true as const } : {}),
    };
  }

  const METHODS: Record<string, (params: Record<string, unknown>, signal: AbortSignal) => Promise<unknown>> = {
    initialize: async (params) => ({
      // The client's revision when this server speaks it, else the newest (the client then decides whether to go on).
      protocolVersion: PROTOCOL_VERSIONS.includes(params.protocolVersion as string)
        ? params.protocolVersion
        : PROTOCOL_VERSIONS[0],
      capabilities: { tools: { listChanged: false } },
      serverInfo: { name: 'poe-bots', title: 'Poe Bots', version: r.version },
    }),
    ping: async () => ({}),
    'tools/list': async () => ({ tools: offered.map(mcpTool) }),
    'tools/call': callTool,
  };

  const served = serveRpc(
    { input: process.stdin, write: (line) => process.stdout.write(line), log },
    {
      request: (method, params, signal) => {
        const run = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
        if (!run)
          throw new RpcError(RPC_ERROR.methodNotFound, `Method not found: ${method} (this server offers tools).`);
        return run(params, signal);
      },
    },
    r.signal,
  );
  log(
    `poe-bots mcp ${r.version}: ${offered.length} tools for Poe at ${new URL(apiAddress()).host}, ${writes ? 'writes allowed' : 'read-only (--allow-writes offers the write tools)'}.`,
  );
  // The client ends the session by closing our stdin (or by Ctrl-C on a terminal); a call in flight is answered first.
  await served;
  process.stdin.pause();
  return 0;
}
