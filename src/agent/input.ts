// The tools' input as JSON Schema, in the small subset they need (an object of strings and booleans), with the
// TypeScript type of an input derived from its schema, and a check of an input against it: every caller checks, and
// a wrong input gets a sentence the agent can act on.

interface StringProp {
  type: 'string';
  description: string;
  enum?: readonly string[];
  minLength?: number;
}
interface BooleanProp {
  type: 'boolean';
  description: string;
}
export type Prop = StringProp | BooleanProp;

export interface InputSchema<
  P extends Record<string, Prop> = Record<string, Prop>,
  R extends keyof P & string = keyof P & string,
> {
  type: 'object';
  properties: P;
  required: readonly R[];
  additionalProperties: false;
}

type ValueOf<T extends Prop> = T extends BooleanProp ? boolean : T extends { enum: readonly (infer E)[] } ? E : string;

/** The input a schema describes: its required properties, and the others optional. */
export type InputOf<S> =
  S extends InputSchema<infer P, infer R>
    ? { [K in R]: ValueOf<P[K]> } & { [K in Exclude<keyof P, R>]?: ValueOf<P[K]> }
    : never;

export function schema<P extends Record<string, Prop>, R extends keyof P & string = never>(
  properties: P,
  required: readonly R[] = [],
): InputSchema<P, R> {
  return { type: 'object', properties, required, additionalProperties: false };
}

/** Why the input does not fit the schema, or undefined when it does. */
export function inputProblem(s: InputSchema, input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'The input must be a JSON object.';
  const given = input as Record<string, unknown>;
  for (const name of s.required) if (given[name] === undefined) return `"${name}" is required.`;
  for (const [name, value] of Object.entries(given)) {
    const p = s.properties[name];
    if (!p)
      return `"${name}" is not an input of this tool (it takes: ${Object.keys(s.properties).join(', ') || 'nothing'}).`;
    if (value === undefined) continue;
    if (typeof value !== p.type) return `"${name}" must be a ${p.type}.`;
    if (p.type === 'string') {
      if (p.enum && !p.enum.includes(value as string)) return `"${name}" must be one of ${p.enum.join(', ')}.`;
      if ((value as string).length < (p.minLength ?? 0)) return `"${name}" must not be empty.`;
    }
  }
  return undefined;
}
