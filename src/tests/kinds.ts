// The assertion types of a bot test, once: what each one's `value` holds. The read of a test file checks values
// against it, the checks (assertions.ts) must cover every type (the compiler holds them equal) and a unit test holds
// it equal to the schema's enum. Every type is also negatable as `not-<type>`.

export const ASSERTION_VALUES = {
  equals: 'text',
  contains: 'text',
  icontains: 'text',
  'starts-with': 'text',
  regex: 'text',
  'is-json': 'none',
  usage: 'none',
  'finish-reason': 'text',
  'max-latency-ms': 'number',
  'max-cost-usd': 'number',
  'max-points': 'number',
  'tool-call': 'text',
} as const satisfies Record<string, 'text' | 'number' | 'none'>;

export type AssertionType = keyof typeof ASSERTION_VALUES;
export type AssertionName = AssertionType | `not-${AssertionType}`;
export const ASSERTION_TYPES = Object.keys(ASSERTION_VALUES) as AssertionType[];

export const isAssertionType = (s: unknown): s is AssertionType =>
  typeof s === 'string' && Object.hasOwn(ASSERTION_VALUES, s);

/** "not-contains" → { type: "contains", negated: true }; undefined for a name that is neither. */
export function assertionName(name: unknown): { type: AssertionType; negated: boolean } | undefined {
  if (typeof name !== 'string') return undefined;
  const negated = name.startsWith('not-') && isAssertionType(name.slice(4));
  const type = negated ? name.slice(4) : name;
  return isAssertionType(type) ? { type, negated } : undefined;
}

export const TEST_FILE_SUFFIX = '.poebot-test.json';
export const TEST_FILE_GLOB = `**/*${TEST_FILE_SUFFIX}`;
export const isTestFilePath = (path: string) => path.endsWith(TEST_FILE_SUFFIX);
