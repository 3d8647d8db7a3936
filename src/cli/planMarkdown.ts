// plan --format markdown: the plan as a pull-request comment or a step summary. A fixed first line a workflow finds
// its comment by, a summary table, one collapsible section per bot, the key lines; when the whole would pass GitHub's
// comment limit (65,536 characters), the summary alone, under 60,000. Text from files and Poe is escaped: in a table
// cell as entities, in a section inside a code block fenced longer than any run of backticks in it.

import { detailLines, driftBlock, type Orphan, type PlanRow } from './planRows';

export const PLAN_MARKER = '<!-- poe-bots plan -->';
export const MARKDOWN_LIMIT = 60_000;

const cell = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/`/g, '&#96;')
    .replace(/[\r\n]+/g, ' ')
    .replace(/[*_[\]\\~]/g, (c) => `\\${c}`);
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function fenced(lines: string[]): string {
  const text = lines.join('\n');
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

const WORD: Record<PlanRow['action'], string> = {
  create: 'create',
  update: 'update',
  replace: 'replace',
  upToDate: 'up to date',
  refused: 'refused',
  failed: 'failed',
};
const isChange = (r: PlanRow) => r.action === 'create' || r.action === 'update' || r.action === 'replace';

export interface MarkdownPlan {
  account: string;
  lock: string;
  rows: PlanRow[];
  orphans: Orphan[];
  prune: boolean;
}

export function planMarkdown(p: MarkdownPlan): string {
  const full = render(p, true);
  return full.length <= MARKDOWN_LIMIT ? full : render(p, false);
}

function render(p: MarkdownPlan, details: boolean): string {
  const changes = p.rows.filter(isChange).length;
  const same = p.rows.filter((r) => r.action === 'upToDate').length;
  const broken = p.rows.filter((r) => r.action === 'refused' || r.action === 'failed').length;
  const drifted = p.rows.filter((r) => r.drift).length;
  const out: string[] = [
    PLAN_MARKER,
    `### poe-bots plan: ${changes} to push, ${same} up to date, ${broken} cannot be pushed${drifted ? `, ${drifted} changed on Poe` : ''}${p.orphans.length ? `, ${p.orphans.length} file(s) gone` : ''}`,
    '',
    `Poe account: ${cell(p.account)} · lock file: ${cell(p.lock)}`,
    '',
  ];
  // The rows a reviewer must see first: changes, refusals, drift; an up-to-date bot with nothing to say is counted only.
  const shown = p.rows.filter((r) => r.action !== 'upToDate' || r.drift || r.onPoe.length);
  const table = ['| Bot | File | Plan | Changed on Poe | Key |', '|---|---|---|---|---|'];
  for (const r of shown) {
    const plan =
      r.action === 'refused' || r.action === 'failed'
        ? `${WORD[r.action]}: ${cut(r.reason?.split('\n')[0] ?? '', 100)}`
        : `${WORD[r.action]}${r.changes.length ? `: ${r.changes.join(', ')}` : ''}`;
    const drift = r.drift ? (r.drift.kind === 'deleted' ? 'deleted' : r.drift.fields.join(', ') || 'yes') : '—';
    const key = r.keyLines.length ? 'sent (see key lines)' : '—';
    table.push(
      `| ${cell(r.handle ?? '')} | ${cell(r.file)} | ${cell(cut(plan, 160))} | ${cell(cut(drift, 100))} | ${key} |`,
    );
  }
  if (shown.length) out.push(...summaryTable(table, details), '');
  else out.push('Every bot is up to date.', '');

  const keys = p.rows.flatMap((r) => r.keyLines.map((l) => `- **${cell(r.handle ?? r.file)}**: ${cell(l)}`));
  if (keys.length) out.push('#### Key lines', '', ...keys, '');

  if (p.orphans.length) {
    out.push(
      `#### Files gone, bots still in the lock file (${p.prune ? 'this push deletes them' : 'push --prune deletes them'})`,
      '',
    );
    out.push(...p.orphans.map((o) => `- **${cell(o.handle)}** (${cell(o.file)})`), '');
  }

  if (details) {
    for (const r of shown) {
      const lines = isChange(r)
        ? detailLines(r, p.lock)
        : [
            ...(r.action === 'upToDate' ? ['Up to date.'] : (r.problems ?? (r.reason ?? '').split('\n'))),
            ...(r.drift ? driftBlock(r, p.lock) : []),
            ...(r.onPoe.length ? ['On Poe, not in the file:', ...r.onPoe.map((l) => `  ${l}`)] : []),
          ];
      out.push(
        `<details><summary><b>${cell(r.handle ?? r.file)}</b>: ${cell(WORD[r.action])}${r.drift ? ' (changed on Poe)' : ''}</summary>`,
        '',
        fenced(lines),
        '',
        '</details>',
        '',
      );
    }
  } else {
    out.push(
      `_Details left out to stay under GitHub's comment limit: run \`poe-bots plan\` to see every field's values._`,
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The table, cut short (with a count of what was left out) when even it alone would pass the limit. */
function summaryTable(table: string[], details: boolean): string[] {
  if (details) return table;
  let size = 0;
  const budget = MARKDOWN_LIMIT - 4_000;
  const kept: string[] = [];
  for (const l of table) {
    if (size + l.length + 1 > budget) break;
    kept.push(l);
    size += l.length + 1;
  }
  const left = table.length - kept.length;
  return left ? [...kept, '', `_…and ${left} more bot(s): run \`poe-bots plan\` for all of them._`] : kept;
}
