// Timing helpers: medians of repeated runs, and cold starts in fresh processes.
import { execFileSync } from 'node:child_process';

export async function median(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** The medians of two things timed in turns (a, b, a, b …), so that a machine or a server warming up, or slowing
 * down, weighs on both alike rather than on whichever ran first. */
export async function pairedMedians(
  runs: number,
  a: () => unknown | Promise<unknown>,
  b: () => unknown | Promise<unknown>,
): Promise<[number, number]> {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [fn, times] of [
      [a, ta],
      [b, tb],
    ] as const) {
      const t = performance.now();
      await fn();
      times.push(performance.now() - t);
    }
  }
  const mid = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return [mid(ta), mid(tb)];
}

/** Median cold-start time of a snippet, each run in a new Node process (prints ms on its last line). */
export function coldMedian(runs: number, script: string): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim().split('\n');
    times.push(Number(out.at(-1)));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export interface Row {
  figure: string;
  value: string;
  baseline: string;
  ratio?: number;
  target?: string;
  ok?: boolean;
}

export function printTable(rows: Row[]): void {
  const head = ['figure', 'value', 'baseline (same run)', 'ratio', 'target', ''];
  const body = rows.map((r) => [
    r.figure,
    r.value,
    r.baseline,
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
    r.target ?? '',
    r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}
