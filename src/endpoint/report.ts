// The shapes of a Check Endpoint report: one row per check, in order, each saying what was sent, what came back,
// how long it took and what to do.

export type RowStatus = 'pass' | 'warn' | 'fail' | 'skip';

interface RowRule {
  title: string;
  /** The row that must pass first: when it fails, this row is skipped with that row's `unmet` sentence. */
  needs?: string;
  /** Why the rows that need this one are skipped when it fails. */
  unmet?: string;
}

/** Every row, in the order the report shows them. A new row is a line here (and its check in check.ts). */
export const ROWS = {
  address: { title: 'Address', unmet: 'Needs a working address.' },
  keyModel: { title: 'Key and model', needs: 'address', unmet: 'Needs the key and model to work.' },
  stream: { title: 'Streaming as Poe reads it', needs: 'keyModel', unmet: 'Needs a stream Poe can read.' },
  usage: { title: 'Usage (what Poe bills from)', needs: 'stream' },
  image: { title: 'Image input', needs: 'keyModel' },
  tools: { title: 'Tools', needs: 'keyModel' },
  params: { title: 'Parameter defaults', needs: 'keyModel' },
  context: { title: 'Context size', needs: 'keyModel' },
} as const satisfies Record<string, RowRule>;

export type RowId = keyof typeof ROWS;
export const ROW_ORDER = Object.keys(ROWS) as RowId[];
// Every `needs` names a row of the table: a typo is a type error.
type Needed = { [K in RowId]: (typeof ROWS)[K] extends { needs: infer N } ? N : never }[RowId];
export const NEEDS_ARE_ROWS: Needed extends RowId ? true : never = true;

/** The rows that cannot run once `failed` failed: those that need it, directly or through another. */
export function rowsNeeding(failed: RowId): RowId[] {
  const needs = (id: RowId): boolean => {
    const n = (ROWS[id] as RowRule).needs as RowId | undefined;
    return n !== undefined && (n === failed || needs(n));
  };
  return ROW_ORDER.filter(needs);
}

export interface CheckRow {
  id: RowId;
  title: string;
  status: RowStatus;
  /** One sentence: what was found. */
  summary: string;
  /** What to do about it (naming the key reference, the closest model id, the path, the missing usage). */
  fix?: string;
  /** The request, as a curl command with the key shown only as its reference. */
  request?: string;
  /** What came back: the status and a short, redacted excerpt. */
  response?: string;
  ms?: number;
}

export interface CheckReport {
  handle: string;
  baseUrl: string;
  rows: CheckRow[];
  /** One line for a notification. */
  summary: string;
  /** What the check assumes about the request Poe sends (undocumented). */
  assumption: string;
  ok: boolean;
}

export const ASSUMPTION =
  'Poe does not document the exact request it sends to an endpoint: these checks send what the OpenAI SDK sends for these settings.';

export function summarize(handle: string, rows: readonly CheckRow[]): { summary: string; ok: boolean } {
  const count = (s: RowStatus) => rows.filter((r) => r.status === s).length;
  const failed = rows.filter((r) => r.status === 'fail');
  const ok = failed.length === 0 && !rows.some((r) => r.status === 'skip' && /cancel/i.test(r.summary));
  const first = failed[0];
  const summary = first
    ? `${handle}: ${first.title} failed. ${first.summary}`
    : `${handle}: ${count('pass')} checks passed${count('warn') ? `, ${count('warn')} with a warning` : ''}.`;
  return { summary, ok };
}
