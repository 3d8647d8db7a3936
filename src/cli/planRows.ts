// A plan as rows a reviewer reads, for the terminal, --json and --format markdown alike: per bot what a push does
// with each field's values (as Poe has it → as the file has it), what changed on Poe since the lock file apart from
// that, the fields on Poe the file does not have, and the key lines (references and hosts, never a key).

import {
  driftLines,
  FileProblemsError,
  keyLines,
  onPoeNotInFile,
  planLines,
  valueLines,
  type FileResult,
  type Planned,
} from '../sync';

export type PlanAction = 'create' | 'update' | 'replace' | 'upToDate' | 'refused' | 'failed';

export interface PlanRow {
  file: string;
  handle?: string;
  action: PlanAction;
  changes: string[];
  lines: string[];
  keyLines: string[];
  reason?: string;
  problems?: string[];
  /** "description: "old" → "new"" for each field the push changes. */
  values: string[];
  /** Changed on Poe since the lock file: the fields and their values then → now. */
  drift?: { kind: 'changed' | 'deleted'; fields: string[]; lines: string[] };
  /** Fields Poe has and the file does not, with Poe's values. */
  onPoe: string[];
}

/** A bot the lock file knows whose file is gone. */
export interface Orphan {
  handle: string;
  file: string;
}

/** A file's problems as file:line:col lines, for a refused row. */
export function problemLines(r: FileResult): string[] | undefined {
  if (!(r.error instanceof FileProblemsError)) return undefined;
  const { text, problems } = r.error;
  return problems.map((p) => {
    const before = text.slice(0, Math.max(0, p.offset));
    return `${r.file.label}:${before.split('\n').length}:${p.offset - before.lastIndexOf('\n')} ${p.severity} ${p.message}`;
  });
}

const driftOfRow = (p: Planned): PlanRow['drift'] =>
  p.drift && { kind: p.drift.kind, fields: p.drift.fields.map((f) => f.path), lines: driftLines(p.drift) };

export function planRows(work: Planned[], settled: FileResult[], upToDate: Planned[] = []): PlanRow[] {
  // By file, once: a plan of 1,000 up-to-date bots would otherwise search the list for each of them.
  const fresh = new Map(upToDate.map((p) => [p.prepared.file.id, p]));
  const rows: PlanRow[] = [
    ...work.map((p): PlanRow => ({
      file: p.prepared.file.label,
      handle: p.plan.handle,
      action: p.plan.verb,
      changes: p.plan.changed,
      lines: planLines(p.plan),
      keyLines: keyLines(p.plan),
      values: valueLines(p),
      drift: driftOfRow(p),
      onPoe: onPoeNotInFile(p),
    })),
    ...settled.map((r): PlanRow => {
      const p = fresh.get(r.file.id);
      return {
        file: r.file.label,
        handle: r.handle,
        action: r.outcome === 'upToDate' ? 'upToDate' : r.outcome === 'failed' ? 'failed' : 'refused',
        changes: [],
        lines: [],
        keyLines: r.plan && r.outcome !== 'upToDate' ? keyLines(r.plan) : [],
        reason: r.message,
        problems: problemLines(r),
        values: [],
        onPoe: p ? onPoeNotInFile(p) : [],
        drift: p ? driftOfRow(p) : undefined,
      };
    }),
  ];
  return rows.sort((a, b) => a.file.localeCompare(b.file));
}

/** The lines under a planned bot's title: the plan's lines with each field's values after "Changes", then drift. */
export function detailLines(r: PlanRow, lockLabel: string): string[] {
  const out: string[] = [];
  for (const [i, l] of r.lines.entries()) {
    out.push(l);
    if (i === 0 && r.values.length) out.push(...r.values.map((v) => `  ${v}`));
  }
  if (r.drift) out.push(...driftBlock(r, lockLabel));
  if (r.onPoe.length) out.push('On Poe, not in the file:', ...r.onPoe.map((l) => `  ${l}`));
  return out;
}

/** What changed on Poe since the lock file, and what a push would do to it. */
export function driftBlock(r: PlanRow, lockLabel: string): string[] {
  const d = r.drift!;
  if (d.kind === 'deleted') return [`Deleted on Poe since ${lockLabel}: pushing creates it again.`];
  if (!d.lines.length) return [`Changed on Poe since ${lockLabel} (which fields, the lock file does not say).`];
  const reverted = d.fields.filter((f) => r.changes.includes(f));
  return [
    `Changed on Poe since ${lockLabel}:`,
    ...d.lines.map((l) => `  ${l}`),
    ...(reverted.length
      ? [
          `Pushing overwrites the change on Poe to: ${reverted.join(', ')} (push --yes refuses it without --overwrite-changed).`,
        ]
      : []),
  ];
}
