// Reads a *.poebot.json file: JSON with comments and trailing commas, syntax errors kept as offsets.

import { parse, parseTree, printParseErrorCode, findNodeAtLocation, type Node, type ParseError } from 'jsonc-parser';
import type { JsonPath, Problem } from './problems';

export interface ParsedBotFile {
  text: string;
  /** The syntax tree, built on first use: a valid file never needs one. */
  readonly tree: Node | undefined;
  value: unknown;
  syntax: Problem[];
}

const OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

const PARSE_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Unexpected character',
  InvalidNumberFormat: 'This number is not valid JSON',
  PropertyNameExpected: 'A property name (in double quotes) is expected here',
  ValueExpected: 'A value is expected here',
  ColonExpected: 'A ":" is expected after the property name',
  CommaExpected: 'A "," is expected between entries',
  CloseBraceExpected: 'A "}" is missing',
  CloseBracketExpected: 'A "]" is missing',
  EndOfFileExpected: 'Nothing may follow the closing "}"',
  UnexpectedEndOfComment: 'This comment is not closed',
  UnexpectedEndOfString: 'This string is not closed',
  UnexpectedEndOfNumber: 'This number is cut short',
  InvalidUnicode: 'Invalid unicode escape',
  InvalidEscapeCharacter: 'Invalid escape character',
  InvalidCharacter: 'Invalid character in a string',
};

export function parseBotFile(text: string): ParsedBotFile {
  // A byte-order mark (some Windows editors save one) is read as a space: offsets stay those of the text as given.
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const errors: ParseError[] = [];
  const value: unknown = parse(source, errors, OPTIONS);
  const syntax = errors.map((e): Problem => {
    const code = printParseErrorCode(e.error);
    return {
      message: PARSE_MESSAGES[code] ?? code,
      severity: 'error',
      offset: e.offset,
      length: Math.max(e.length, 1),
      code: `syntax.${code}`,
    };
  });
  if (value === undefined && !syntax.length)
    syntax.push({
      message: 'The file is empty: a bot file is a JSON object with at least a "handle"',
      severity: 'error',
      offset: 0,
      length: 0,
      code: 'syntax.empty',
    });
  let tree: Node | undefined | null = null;
  return {
    text,
    value,
    syntax,
    get tree() {
      if (tree === null) tree = parseTree(source, [], OPTIONS);
      return tree;
    },
  };
}

/** The text range of the node at a path, or of its closest existing ancestor. */
export function rangeOf(
  tree: Node | undefined,
  path: JsonPath,
  part: 'value' | 'key' = 'value',
): { offset: number; length: number } {
  if (!tree) return { offset: 0, length: 0 };
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(tree, path.slice(0, n));
    if (!node) continue;
    if (part === 'key' && n === path.length && node.parent?.type === 'property') {
      const key = node.parent.children![0]!;
      return { offset: key.offset, length: key.length };
    }
    // An object or array: its first line is enough, not the whole block.
    if ((node.type === 'object' || node.type === 'array') && n < path.length && node.parent?.type === 'property') {
      const key = node.parent.children![0]!;
      return { offset: key.offset, length: key.length };
    }
    if (node.type === 'object' || node.type === 'array') return { offset: node.offset, length: 1 };
    return { offset: node.offset, length: node.length };
  }
  return { offset: 0, length: 0 };
}
