// A problem found in a bot file: where it is (offsets into the text) and what to tell the creator.

export type Severity = 'error' | 'warning' | 'info';
export type JsonPath = (string | number)[];

export interface Problem {
  message: string;
  severity: Severity;
  offset: number;
  length: number;
  /** Stable id, e.g. for a quick fix ("literal-key") or to tell schema problems from ours. */
  code: string;
  path?: JsonPath;
}

export const SCHEMA_SOURCE = 'schema';
