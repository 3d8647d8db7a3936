// The tools a reply calls, read from each shape an endpoint sends them in: Chat Completions' streamed pieces
// (delta.tool_calls by index, the arguments in fragments) and whole message.tool_calls, and the Responses API's
// function_call output items.

import { isObj } from '../poe/json';

export interface ToolCall {
  name: string;
  arguments: string;
}

/** Streamed Chat Completions pieces, joined by their index. */
export class ToolCallPieces {
  private readonly byIndex = new Map<number, ToolCall>();
  add(list: unknown): void {
    if (!Array.isArray(list)) return;
    for (const t of list) {
      if (!isObj(t)) continue;
      const index = typeof t.index === 'number' ? t.index : this.byIndex.size;
      const call = this.byIndex.get(index) ?? { name: '', arguments: '' };
      const f = isObj(t.function) ? t.function : {};
      if (typeof f.name === 'string') call.name += f.name;
      if (typeof f.arguments === 'string') call.arguments += f.arguments;
      this.byIndex.set(index, call);
    }
  }
  get calls(): ToolCall[] {
    return [...this.byIndex.entries()].sort(([a], [b]) => a - b).map(([, c]) => c);
  }
}

/** message.tool_calls of a whole Chat Completions answer. */
export function wholeToolCalls(list: unknown): ToolCall[] {
  const pieces = new ToolCallPieces();
  pieces.add(Array.isArray(list) ? list.map((t, index) => (isObj(t) ? { ...t, index } : t)) : undefined);
  return pieces.calls;
}

/** function_call items of a Responses API output. */
export function responsesToolCalls(output: unknown): ToolCall[] {
  if (!Array.isArray(output)) return [];
  return output.flatMap((o) =>
    isObj(o) && o.type === 'function_call' && typeof o.name === 'string'
      ? [{ name: o.name, arguments: typeof o.arguments === 'string' ? o.arguments : '' }]
      : [],
  );
}
