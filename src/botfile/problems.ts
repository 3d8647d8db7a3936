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
  /** Point at the property name rather than its value. */
  part?: 'key' | 'value';
}

/** A problem known by its path; validate() turns the path into offsets, building the syntax tree only then. */
export function atPath(
  severity: Severity,
  code: string,
  path: JsonPath,
  message: string,
  part: 'key' | 'value' = 'value',
): Problem {
  return { severity, code, path, message, part, offset: -1, length: 0 };
}

/** Adds a problem at a path of the file (the cross-field checks' way to report). */
export type Add = (severity: Severity, code: string, path: JsonPath, message: string, part?: 'key' | 'value') => void;
