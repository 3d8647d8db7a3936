// The agent tools' public face: the editor's language-model tools and `poe-bots mcp` import src/agent only from here.
export { TOOLS, TOOL_NAMES, confirmationFor, isToolName, offeredTools, runTool, type ToolName } from './tools';
export { PlanStore, PLAN_TTL_MS } from './plans';
export { AgentInputError, type AgentEnv, type ToolConfirmation, type ToolResult } from './types';
export type { Tool } from './tool';
export { botFileUnder } from './files';
