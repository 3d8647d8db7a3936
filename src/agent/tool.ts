// The shape of one agent tool: its name for the model, when to use it, its input, whether it changes anything, and
// what it runs. `tool()` ties the input's type to its schema, so a tool reading a field its schema lacks is a type
// error.

import type { InputOf, InputSchema } from './input';
import type { AgentEnv, ToolConfirmation, ToolResult } from './types';

export interface Tool {
  /** A few words for a person (MCP's title, the editor's display name). */
  title: string;
  /** For the model: what it does, when to use it, and when not. */
  description: string;
  input: InputSchema;
  /** false: it writes to Poe or to a file, or spends points. Such tools are offered only when turned on. */
  readOnly: boolean;
  /** A write tool's confirmation, in the words of the editor's own (free of side effects: it only reads). */
  confirm?(env: AgentEnv, input: unknown, signal?: AbortSignal): Promise<ToolConfirmation>;
  /** The input has been checked against `input` before this runs. */
  run(env: AgentEnv, input: unknown, signal?: AbortSignal): Promise<ToolResult>;
}

interface TypedTool<S extends InputSchema> extends Omit<Tool, 'input' | 'run' | 'confirm'> {
  input: S;
  confirm?(env: AgentEnv, input: InputOf<S>, signal?: AbortSignal): Promise<ToolConfirmation>;
  run(env: AgentEnv, input: InputOf<S>, signal?: AbortSignal): Promise<ToolResult>;
}

export function tool<S extends InputSchema>(t: TypedTool<S>): Tool {
  return t as unknown as Tool;
}

/** Text for the model, cut to what it can use: a reply or a report past this is cut, and says so. */
export function short(text: string, max = 6000): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n… (cut: ${text.length - max} more characters)`;
}
