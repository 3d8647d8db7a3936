// The shapes of a Check Endpoint report: one row per check, in order, each saying what was sent, what came back,
// how long it took and what to do.

export type RowStatus = 'pass' | 'warn' | 'fail' | 'skip';
export type RowId = 'address' | 'keyModel' | 'stream' | 'usage' | 'image' | 'tools' | 'params' | 'context';

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

export const ASSUMPTION = 'Poe does not document the exact request it sends to an endpoint: these checks send what the OpenAI SDK sends for these settings.';

export const TITLES: Record<RowId, string> = {
  address: 'Address', keyModel: 'Key and model', stream: 'Streaming as Poe reads it', usage: 'Usage (what Poe bills from)',
  image: 'Image input', tools: 'Tools', params: 'Parameter defaults', context: 'Context size',
};

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
