// Turns ajv's errors into problems in the creator's words, placed on the offending node.

import type { ErrorObject } from 'ajv';
import schemaText from '../../schemas/poebot.schema.json?text';
import { closest } from './closest';
import { atPath, type JsonPath, type Problem } from './problems';

type SchemaNode = Record<string, unknown>;

// The schema as text, parsed when a message first needs it: a string costs nothing to load, an object literal does.
let schema: unknown;

function schemaAt(schemaPath: string): SchemaNode | undefined {
  let node: unknown = (schema ??= JSON.parse(schemaText));
  for (const seg of schemaPath.replace(/^#\/?/, '').split('/').slice(0, -1)) {
    if (!seg) continue;
    node = (node as Record<string, unknown> | undefined)?.[
      decodeURIComponent(seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    ];
  }
  return node && typeof node === 'object' ? (node as SchemaNode) : undefined;
}

export function pathOf(instancePath: string): JsonPath {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => {
      const seg = s.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(seg) ? Number(seg) : seg;
    });
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text in double quotes',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object { … }',
  array: 'a list [ … ]',
  null: 'null',
};

function describe(e: ErrorObject, field: string): { message: string; key?: boolean; path?: JsonPath } | undefined {
  const parent = schemaAt(e.schemaPath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      const allowed = Object.keys((parent?.properties as object | undefined) ?? {});
      const guess = closest(name, allowed);
      return {
        message: `Unknown field "${name}"${guess ? `: did you mean "${guess}"?` : ''} Poe would reject it${allowed.length ? `; allowed here: ${allowed.join(', ')}` : ''}.`,
        key: true,
        path: [...pathOf(e.instancePath), name],
      };
    }
    case 'required':
      return { message: `Missing required field "${String(p.missingProperty)}"${field ? ` in ${field}` : ''}.` };
    case 'type': {
      const types = String(p.type)
        .split(',')
        .map((t) => TYPE_WORDS[t] ?? t);
      return { message: `${field || 'The file'} must be ${types.join(' or ')}.` };
    }
    case 'pattern':
      return {
        message:
          typeof parent?.patternErrorMessage === 'string'
            ? parent.patternErrorMessage
            : `${field} has an invalid format.`,
      };
    case 'enum':
      return {
        message: `${field} must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`,
      };
    case 'const':
      return { message: `${field} must be ${JSON.stringify(p.allowedValue)}.` };
    case 'minItems':
      return { message: `${field} needs at least ${String(p.limit)} entr${p.limit === 1 ? 'y' : 'ies'}.` };
    case 'uniqueItems':
      return { message: `${field} lists the same value twice.` };
    case 'minimum':
      return { message: `${field} must be at least ${String(p.limit)}.` };
    case 'minLength':
      return { message: `${field} must not be empty.` };
    case 'minProperties':
    case 'maxProperties':
      return { message: `${field} must have exactly one of "parameter_name" or "literal".` };
    case 'if':
      return undefined; // the failing "then" branch is reported on its own
    default:
      return { message: `${field}: ${e.message ?? 'invalid'}.` };
  }
}

export function schemaProblems(errors: readonly ErrorObject[]): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const path = pathOf(e.instancePath);
    const field = path.length ? `"${path.filter((s) => typeof s === 'string').at(-1)}"` : '';
    const d = describe(e, field);
    if (!d) continue;
    const at = d.path ?? path;
    const id = `${JSON.stringify(at)}:${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(atPath('error', `schema.${e.keyword}`, at, d.message, d.key ? 'key' : 'value'));
  }
  return out;
}
