// Everything wrong with a bot file, in one list: syntax, schema (ajv, compiled at build time) and cross-field rules.

import { parseBotFile, rangeOf, type ParsedBotFile } from './parse';
import type { Problem } from './problems';
import { crossFieldProblems } from './rules';

import { schemaProblems } from './schemaErrors';

type SchemaValidator = typeof import('./generated/validateSchema');
let validator: SchemaValidator | undefined;

/** The compiled schema validator, read on the first bot file checked (in dist/ it is a file of its own). */
function validateSchema(value: unknown): Problem[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at activation
  const validate = (validator ??= require('./generated/validateSchema') as SchemaValidator);
  return validate(value) ? [] : schemaProblems(validate.errors ?? []);
}

export interface Validated extends ParsedBotFile {
  problems: Problem[];
}

/** `known`: the same text already parsed (a flow that read the file once), so it is not parsed twice. */
export function validateBotFile(text: string, known?: ParsedBotFile): Validated {
  const parsed = known?.text === text ? known : parseBotFile(text);
  const problems = [...parsed.syntax];
  if (parsed.value !== undefined) {
    problems.push(...validateSchema(parsed.value));
    problems.push(...crossFieldProblems(parsed.value));
  }
  for (const p of problems) {
    if (p.offset >= 0) continue;
    const range = rangeOf(parsed.tree, p.path ?? [], p.part);
    p.offset = range.offset;
    p.length = range.length;
  }
  return Object.assign(parsed, { problems });
}

export const hasErrors = (problems: readonly Problem[]) => problems.some((p) => p.severity === 'error');

/** "line 3: message" lines for a message box or a log. */
export function describeProblems(text: string, problems: readonly Problem[], max = 5): string {
  const lines = problems.slice(0, max).map((p) => `line ${text.slice(0, p.offset).split('\n').length}: ${p.message}`);
  if (problems.length > max) lines.push(`…and ${problems.length - max} more`);
  return lines.join('\n');
}
