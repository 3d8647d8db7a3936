// A Try Bot conversation as a new case of a test file: the messages up to the last question, the control values it
// was sent with, and the last reply as a draft `contains` assertion for the creator to edit. An existing test file is
// edited in place (jsonc-parser modify: its comments and layout stay); a new one is written whole.

import { applyEdits, modify, parse, type ParseError } from 'jsonc-parser';
import { isObj } from '../botfile/json';
import type { ChatMessage } from '../endpoint/request';
import { TEST_FILE_SUFFIX } from './kinds';

export interface SavedConversation {
  /** The conversation as it was sent, replies included; the last message is the reply the case is drafted from. */
  messages: { role: ChatMessage['role']; content: string }[];
  /** Control values, for a conversation sent direct to the endpoint. */
  parameters?: Record<string, string | number | boolean>;
}

/** "MyBot.poebot.json" → "MyBot.poebot-test.json". */
export const testFileNameFor = (botFileName: string) =>
  `${botFileName.replace(/\.poebot\.json$/, '')}${TEST_FILE_SUFFIX}`;

/** A draft of the reply to look for: its first line, cut at a word before 60 characters. */
export function draftOf(reply: string): string {
  const line = reply.trim().split('\n')[0]!.trim();
  if (line.length <= 60) return line;
  const cut = line.slice(0, 60);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), 20)).trim();
}

/** The case, or why there is none yet. */
export function caseFrom(c: SavedConversation): Record<string, unknown> | string {
  const last = c.messages[c.messages.length - 1];
  if (!last || last.role !== 'assistant' || !last.content.trim())
    return 'There is no reply to save yet: send a message first.';
  const messages = c.messages.slice(0, -1);
  const question =
    [...messages]
      .reverse()
      .find((m) => m.role === 'user')
      ?.content.trim() ?? '';
  const name = `${question.split('\n')[0]!.slice(0, 50) || 'conversation'}${question.length > 50 ? '…' : ''}`;
  return {
    name,
    messages,
    ...(c.parameters && Object.keys(c.parameters).length ? { parameters: c.parameters } : {}),
    // A draft: the creator edits it into what the reply must say.
    assert: [{ type: 'contains', value: draftOf(last.content) }],
  };
}

const FORMAT = { insertSpaces: true, tabSize: 2, eol: '\n' };

/**
 * The test file's text with the case added at the end of "cases" (or a new file naming the bot); the index of the
 * new case. A file that is not a test file's object is refused rather than rewritten.
 */
export function addCase(
  existing: string | undefined,
  botFileName: string,
  testCase: Record<string, unknown>,
): { text: string; index: number } {
  if (existing === undefined || !existing.trim()) {
    const file = { $schema: 'poebot-schema:/poebot-test.schema.json', bot: botFileName, cases: [testCase] };
    return { text: `${JSON.stringify(file, null, 2)}\n`, index: 0 };
  }
  const errors: ParseError[] = [];
  const value: unknown = parse(existing, errors, { allowTrailingComma: true });
  if (errors.length || !isObj(value))
    throw new Error(
      'The test file has syntax errors: fix them, then save the conversation again (nothing was changed).',
    );
  if (value.cases !== undefined && !Array.isArray(value.cases))
    throw new Error('The test file\'s "cases" is not a list: nothing was changed.');
  const index = Array.isArray(value.cases) ? value.cases.length : 0;
  const edits = Array.isArray(value.cases)
    ? modify(existing, ['cases', index], testCase, { formattingOptions: FORMAT, isArrayInsertion: true })
    : modify(existing, ['cases'], [testCase], { formattingOptions: FORMAT });
  return { text: applyEdits(existing, edits), index };
}
