// Try Bot's Markdown rendering of a long reply as it streams: an 8 MB reply arriving at 1 MB a second (10 KB every
// 10 ms, real timers, the panel's own 100 ms render interval). Against one render of the whole reply, measured in the
// same run: the longest stall of the extension host (the renders of one turn of the event loop) and all render work
// together, both as CPU time, so that another process taking the CPU (a busy CI machine) does not count as ours.
import { renderMarkdown } from '../src/workbench/tryBot/markdown';
import { ReplyStream } from '../src/workbench/tryBot/replyStream';
import type { TurnView } from '../src/workbench/tryBot/protocol';
import type { Row } from './measure';

/** Markdown as replies have it: headings, paragraphs, lists, code fences with blank lines, a table, a quote. */
function longReply(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part =
      `## Step ${i}\n\nHere is **what** to do, with \`inline code\` and a [link](https://example.com/${i}). ${'More words follow here. '.repeat(6)}\n\n` +
      `- first point ${i}\n- second point\n  continued\n- third point\n\n` +
      `\`\`\`ts\nfunction step${i}(x: number): number {\n  const y = x * 2;\n\n  return y + ${i};\n}\n\`\`\`\n\n` +
      `| name | value |\n|---|---|\n| a${i} | ${i} |\n\n> A note on step ${i}.\n\n`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

/** The median CPU time of `fn` (not wall time: another process's share of the CPU is not ours). */
function cpuMedian(runs: number, fn: () => unknown, cpu: () => number): number {
  const times = Array.from({ length: runs }, () => {
    const t = cpu();
    fn();
    return cpu() - t;
  }).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

export async function replyRenderRows(quick: boolean): Promise<Row[]> {
  const megabytes = quick ? 2 : 8;
  const text = longReply(megabytes * 1024 * 1024);
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const full = cpuMedian(3, () => renderMarkdown(text), cpu);

  // Render calls of one timer turn are one stall: grouped until the event loop next gets a turn.
  const stalls: number[] = [];
  const walls: number[] = [];
  let open = false;
  let work = 0;
  const timed = (s: string) => {
    const t = cpu();
    const w = performance.now();
    const html = renderMarkdown(s);
    const took = cpu() - t;
    work += took;
    if (!open) {
      open = true;
      stalls.push(0);
      walls.push(0);
      setImmediate(() => {
        open = false;
      });
    }
    stalls[stalls.length - 1]! += took;
    walls[walls.length - 1]! += performance.now() - w;
    return html;
  };
  const turn: TurnView = { id: 1, role: 'assistant', text: '', state: 'streaming' };
  const stream = new ReplyStream(turn, () => undefined, timed, 100);
  const piece = 10 * 1024;
  await new Promise<void>((resolve) => {
    let at = 0;
    const tick = setInterval(() => {
      stream.push(text.slice(at, at + piece));
      at += piece;
      if (at >= text.length) {
        clearInterval(tick);
        resolve();
      }
    }, 10);
  });
  stream.finish();
  await new Promise((r) => setImmediate(r));
  if (turn.html !== renderMarkdown(text)) throw new Error('the incremental render differs from the whole render');
  const longest = Math.max(...stalls);
  return [
    {
      figure: `Try Bot: a ${megabytes} MB reply at 1 MB/s, longest render stall`,
      value: `${longest.toFixed(1)} ms CPU (wall ${Math.max(...walls).toFixed(0)} ms)`,
      baseline: `one render of it all ${full.toFixed(0)} ms CPU`,
      ratio: longest / full,
      target: '≤ 50 ms',
      ok: longest <= 50,
    },
    {
      figure: `Try Bot: a ${megabytes} MB reply at 1 MB/s, all render work`,
      value: `${work.toFixed(0)} ms CPU in ${stalls.length} steps`,
      baseline: `one render of it all ${full.toFixed(0)} ms CPU`,
      ratio: work / full,
      target: '≤ 2×',
      ok: work / full <= 2,
    },
  ];
}
