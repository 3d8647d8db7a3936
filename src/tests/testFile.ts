// One read of a *.poebot-test.json into a typed view: the bot it tests (a file beside it, or a handle on Poe), the
// route, and each case with where it sits in the text (for the Testing view's gutter). A case that cannot run says
// why in the creator's words and keeps its place; the others still run. No network, no vscode: the Testing view
// discovers with it at activation, the runner and the command line run from it.

import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { isObj } from '../botfile/json';
import type { ChatMessage } from '../endpoint/request';
import { ASSERTION_VALUES, assertionName, type AssertionName, type AssertionType } from './kinds';

export type TestRoute = 'direct' | 'poe';

export interface Assertion {
  /** As written: "contains", "not-contains". */
  name: AssertionName;
  type: AssertionType;
  negated: boolean;
  value?: string | number;
  schema?: Record<string, unknown>;
  of?: 'reply' | 'first-words';
}

export interface TestCase {
  /** Its place in the file's list: the id the Testing view and the runner share. */
  index: number;
  name: string;
  messages: ChatMessage[];
  parameters: Record<string, string | number | boolean>;
  matrix: boolean;
  tools?: Record<string, unknown>[];
  assert: Assertion[];
  /** Where the case sits in the text. */
  offset: number;
  length: number;
  /** Why the case cannot run, when it cannot (the other cases still run). */
  problem?: string;
}

export interface TestFileView {
  /** The bot file, relative to the test file, when the tests name one. */
  bot?: string;
  /** The handle, when the tests name a bot on Poe instead of a file. */
  handle?: string;
  route: TestRoute;
  cases: TestCase[];
  /** Why nothing in the file can run (the file as a whole is wrong), when so. */
  problem?: string;
}

const OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };
const ROLES = ['system', 'user', 'assistant'];
const isParamValue = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

export function readTestFile(text: string): TestFileView {
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const errors: ParseError[] = [];
  const value: unknown = parse(source, errors, OPTIONS);
  const tree = parseTree(source, [], OPTIONS);
  const empty: TestFileView = { route: 'direct', cases: [] };
  if (errors.length) {
    const e = errors[0]!;
    return {
      ...empty,
      problem: `The test file is not valid JSON: ${printParseErrorCode(e.error)} at line ${lineOf(source, e.offset)}.`,
    };
  }
  if (!isObj(value)) return { ...empty, problem: 'A test file is a JSON object with "bot" (or "handle") and "cases".' };
  const bot = typeof value.bot === 'string' && value.bot ? value.bot : undefined;
  const handle = typeof value.handle === 'string' && value.handle ? value.handle : undefined;
  const route: TestRoute =
    value.route === 'poe' || value.route === 'direct' ? value.route : handle && !bot ? 'poe' : 'direct';
  const list = Array.isArray(value.cases) ? value.cases : [];
  const cases = list.map((c, i) => readCase(c, i, tree));
  let problem: string | undefined;
  if (!bot && !handle)
    problem =
      'Name the bot these tests are for: "bot": "MyBot.poebot.json" (a file beside this one), or "handle": "MyBot" for a public bot on Poe.';
  else if (value.route !== undefined && value.route !== 'poe' && value.route !== 'direct')
    problem = `"route" is "direct" (to the endpoint, as Poe calls it) or "poe" (through Poe's API), not ${JSON.stringify(value.route)}.`;
  else if (route === 'direct' && !bot)
    problem =
      'The "direct" route calls the endpoint a bot file names: give "bot": "MyBot.poebot.json" (Poe never returns a bot\'s endpoint key), or use "route": "poe".';
  else if (!Array.isArray(value.cases)) problem = 'The file has no "cases" list.';
  for (const c of cases) {
    if (c.problem || route !== 'poe') continue;
    if (c.matrix)
      c.problem =
        'A "matrix" runs the bot\'s controls, which only the "direct" route can send: Poe\'s API passes no custom parameters.';
    else if (Object.keys(c.parameters).length)
      c.problem = '"parameters" are sent only on the "direct" route: Poe\'s API passes no custom parameters.';
  }
  return { bot, handle, route, cases, problem };
}

function readCase(c: unknown, index: number, tree: Node | undefined): TestCase {
  const node = tree && findNodeAtLocation(tree, ['cases', index]);
  const out: TestCase = {
    index,
    name: `case ${index + 1}`,
    messages: [],
    parameters: {},
    matrix: false,
    assert: [],
    offset: node?.offset ?? 0,
    length: node?.length ?? 0,
  };
  const fail = (why: string) => {
    out.problem ??= why;
    return out;
  };
  if (!isObj(c)) return fail('A case is an object with "name", "messages" and "assert".');
  if (typeof c.name === 'string' && c.name.trim()) out.name = c.name;
  else fail('The case needs a "name".');
  const messages = Array.isArray(c.messages) ? c.messages : [];
  for (const m of messages) {
    if (isObj(m) && typeof m.role === 'string' && ROLES.includes(m.role) && typeof m.content === 'string')
      out.messages.push({ role: m.role as ChatMessage['role'], content: m.content });
    else fail('Each message is {"role": "system" | "user" | "assistant", "content": "text"}.');
  }
  if (!out.messages.length) fail('The case needs "messages": at least one, the last one the bot answers.');
  if (c.parameters !== undefined) {
    if (!isObj(c.parameters)) fail('"parameters" is an object of control values: {"enable_thinking": false}.');
    else
      for (const [k, v] of Object.entries(c.parameters)) {
        if (isParamValue(v)) out.parameters[k] = v;
        else fail(`The parameter "${k}" must be text, a number or true/false.`);
      }
  }
  if (c.matrix !== undefined) {
    if (c.matrix === 'controls') out.matrix = true;
    else fail('"matrix" is "controls" (every value of the bot\'s controls).');
  }
  if (c.tools !== undefined) {
    if (Array.isArray(c.tools) && c.tools.every(isObj)) out.tools = c.tools;
    else fail('"tools" is a list of tool objects, as OpenAI\'s API takes them.');
  }
  const asserts =
    c.assert === undefined ? [] : Array.isArray(c.assert) ? c.assert : (fail('"assert" is a list of assertions.'), []);
  asserts.forEach((a, i) => {
    const read = readAssertion(a);
    if (typeof read === 'string') fail(`Assertion ${i + 1}: ${read}`);
    else out.assert.push(read);
  });
  return out;
}

function readAssertion(a: unknown): Assertion | string {
  if (!isObj(a)) return 'an assertion is an object with a "type".';
  const name = assertionName(a.type);
  if (!name)
    return `${JSON.stringify(a.type)} is not an assertion type (equals, contains, icontains, starts-with, regex, is-json, usage, finish-reason, max-latency-ms, max-cost-usd, max-points, tool-call, each also as not-<type>).`;
  const wants = ASSERTION_VALUES[name.type];
  const out: Assertion = { name: a.type as AssertionName, ...name };
  if (wants === 'text') {
    if (typeof a.value !== 'string') return `"${a.type}" needs a "value" that is text.`;
    if (name.type === 'regex') {
      try {
        new RegExp(a.value);
      } catch (e) {
        return `the pattern ${JSON.stringify(a.value)} is not a regular expression: ${(e as Error).message}.`;
      }
    }
    out.value = a.value;
  } else if (wants === 'number') {
    if (typeof a.value !== 'number' || !Number.isFinite(a.value) || a.value < 0)
      return `"${a.type}" needs a "value" that is a number, 0 or more.`;
    out.value = a.value;
  }
  if (a.schema !== undefined) {
    if (name.type !== 'is-json' || !isObj(a.schema)) return '"schema" is a JSON Schema object, for is-json only.';
    out.schema = a.schema;
  }
  if (a.of !== undefined) {
    if (name.type !== 'max-latency-ms' || (a.of !== 'reply' && a.of !== 'first-words'))
      return '"of" is "reply" or "first-words", for max-latency-ms only.';
    out.of = a.of;
  }
  return out;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
