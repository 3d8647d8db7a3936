// The checks a reply is held to, one per assertion type (the compiler asks for every type of kinds.ts), each saying
// what it expected and what it got. `not-<type>` turns the verdict over; a check that cannot be made (no usage to
// price, no points recorded) fails in both forms, since "unknown" is not "within budget".

import type { Usage } from '../endpoint/chat';
import type { AssertionType } from './kinds';
import type { Assertion } from './testFile';

import type { ToolCall } from '../endpoint/toolCalls';
export type { ToolCall };

/** What came back from one case, as the checks read it. */
export interface Reply {
  text: string;
  usage?: Usage;
  finishReason?: string;
  /** From sending to the first words, and to the end of the reply. */
  firstWordsMs?: number;
  totalMs: number;
  toolCalls: ToolCall[];
  /** At the bot file's prices (direct), when usage and prices are known. */
  costUsd?: number;
  /** Through Poe, from the points history, when Poe recorded it. */
  points?: number;
  /** Why a cost is unknown, in the creator's words. */
  costUnknown?: string;
}

export interface Outcome {
  /** The assertion as written: "not-contains", or a check every matrix run makes ("answers"). */
  assertion: string;
  pass: boolean;
  expected: string;
  got: string;
}

type Verdict = { pass: boolean | 'unknown'; expected: string; got: string };
type Check = (a: Assertion, r: Reply) => Verdict;

const MAX_SHOWN = 300;
/** The reply as a failure quotes it: in quotes, cut short. */
export const quoted = (text: string) => JSON.stringify(text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);
const text = (a: Assertion) => String(a.value ?? '');
const reply = (r: Reply) =>
  r.text
    ? quoted(r.text)
    : r.toolCalls.length
      ? `no text (a call of ${r.toolCalls.map((t) => t.name).join(', ')})`
      : 'an empty reply';

let ajv:
  | {
      compile(
        schema: object,
      ): ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
    }
  | undefined;
const compiled = new WeakMap<object, ReturnType<NonNullable<typeof ajv>['compile']>>();
function schemaCheck(schema: Record<string, unknown>) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- read only when a test names a schema
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  ajv ??= new Ajv({ allErrors: true, strict: false });
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

const ms = (n: number | undefined) => (n === undefined ? 'unknown' : `${Math.round(n)} ms`);

export const CHECKS = {
  equals: (a, r) => ({ pass: r.text === text(a), expected: `the reply ${quoted(text(a))}`, got: reply(r) }),
  contains: (a, r) => ({
    pass: r.text.includes(text(a)),
    expected: `a reply containing ${quoted(text(a))}`,
    got: reply(r),
  }),
  icontains: (a, r) => ({
    pass: r.text.toLowerCase().includes(text(a).toLowerCase()),
    expected: `a reply containing ${quoted(text(a))} (any case)`,
    got: reply(r),
  }),
  'starts-with': (a, r) => ({
    pass: r.text.startsWith(text(a)),
    expected: `a reply starting with ${quoted(text(a))}`,
    got: reply(r),
  }),
  regex: (a, r) => ({
    pass: new RegExp(text(a)).test(r.text),
    expected: `a reply matching /${text(a)}/`,
    got: reply(r),
  }),
  'is-json': (a, r) => {
    const expected = a.schema ? 'a reply that is JSON matching the schema' : 'a reply that is JSON';
    let data: unknown;
    try {
      data = JSON.parse(r.text);
    } catch (e) {
      return { pass: false, expected, got: `${reply(r)}, not JSON (${(e as Error).message})` };
    }
    if (!a.schema) return { pass: true, expected, got: 'JSON' };
    const validate = schemaCheck(a.schema);
    if (validate(data)) return { pass: true, expected, got: 'JSON matching the schema' };
    const why = (validate.errors ?? [])
      .slice(0, 3)
      .map((e) => `${e.instancePath || 'the reply'} ${e.message ?? 'does not match'}`)
      .join('; ');
    return { pass: false, expected, got: `JSON that does not match: ${why}` };
  },
  usage: (_a, r) => ({
    pass: r.usage !== undefined,
    expected: 'prompt and completion tokens reported (Poe bills from them)',
    got: r.usage ? `${r.usage.inputTokens} prompt and ${r.usage.outputTokens} completion tokens` : 'no usage reported',
  }),
  'finish-reason': (a, r) => ({
    pass: r.finishReason === text(a),
    expected: `finish reason ${quoted(text(a))}`,
    got: r.finishReason ? `finish reason ${quoted(r.finishReason)}` : 'no finish reason',
  }),
  'max-latency-ms': (a, r) => {
    const firstWords = a.of === 'first-words';
    const took = firstWords ? r.firstWordsMs : r.totalMs;
    return {
      pass: took === undefined ? 'unknown' : took <= Number(a.value),
      expected: `${firstWords ? 'first words' : 'the whole reply'} within ${a.value} ms`,
      got: `first words after ${ms(r.firstWordsMs)}, the whole reply after ${ms(r.totalMs)}`,
    };
  },
  'max-cost-usd': (a, r) => ({
    pass: r.costUsd === undefined ? 'unknown' : r.costUsd <= Number(a.value),
    expected: `at most $${a.value} at the file's prices`,
    got: r.costUsd === undefined ? `no cost: ${r.costUnknown ?? 'unknown'}` : `$${Number(r.costUsd.toPrecision(4))}`,
  }),
  'max-points': (a, r) => ({
    pass: r.points === undefined ? 'unknown' : r.points <= Number(a.value),
    expected: `at most ${a.value} points`,
    got:
      r.points === undefined
        ? `no points: ${r.costUnknown ?? 'Poe recorded no cost for the message'}`
        : `${r.points} points`,
  }),
  'tool-call': (a, r) => {
    const expected = `a call of the tool ${quoted(text(a))} with arguments that parse as JSON`;
    const call = r.toolCalls.find((t) => t.name === text(a));
    if (!call)
      return {
        pass: false,
        expected,
        got: r.toolCalls.length
          ? `calls of ${r.toolCalls.map((t) => quoted(t.name)).join(', ')}`
          : `no tool call (${reply(r)})`,
      };
    try {
      JSON.parse(call.arguments);
    } catch {
      return {
        pass: false,
        expected,
        got: `a call of ${quoted(call.name)} with arguments that are not JSON: ${quoted(call.arguments)}`,
      };
    }
    return { pass: true, expected, got: `a call of ${quoted(call.name)} with ${quoted(call.arguments)}` };
  },
} satisfies Record<AssertionType, Check>;

/** The verdict of one assertion on a reply. */
export function check(a: Assertion, r: Reply): Outcome {
  const v = (CHECKS[a.type] as Check)(a, r);
  const pass = v.pass === 'unknown' ? false : a.negated ? !v.pass : v.pass;
  return { assertion: a.name, pass, expected: a.negated ? `not ${v.expected}` : v.expected, got: v.got };
}

/** What every run of a matrix is held to besides its assertions: an answer, with usage. */
export function matrixChecks(r: Reply, asserted: readonly Assertion[]): Outcome[] {
  const out: Outcome[] = [
    {
      assertion: 'answers',
      pass: r.text.trim() !== '' || r.toolCalls.length > 0,
      expected: 'an answer',
      got: reply(r),
    },
  ];
  if (!asserted.some((a) => a.type === 'usage')) out.push(check({ name: 'usage', type: 'usage', negated: false }, r));
  return out;
}

/** "contains: expected …, got …": a failure in one line. */
export const describeOutcome = (o: Outcome) => `${o.assertion}: expected ${o.expected}, got ${o.got}`;
