// What the command line prints: tables and sentences for people (colour only on a terminal, and never with
// NO_COLOR), one JSON document for machines (--json). Every line passes through redaction: no key is ever printed.

import { redactKnown } from '../poe/redact';

// Colour codes take no room on screen: widths are counted without them.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g');

export interface Out {
  json: boolean;
  /** A line for people (not printed with --json). */
  line(text?: string): void;
  /** A problem or progress, on stderr. */
  note(text: string): void;
  /** The one JSON document of a --json run. */
  result(value: unknown): void;
  table(rows: string[][]): void;
  color: { green(s: string): string; red(s: string): string; yellow(s: string): string; dim(s: string): string; bold(s: string): string };
  /** Progress on a terminal's stderr, overwritten in place; nothing elsewhere. */
  progress(text: string): void;
}

export function makeOut(json: boolean, stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): Out {
  const tty = stdout.isTTY === true && !process.env.NO_COLOR;
  const paint = (code: number) => (s: string) => (tty ? `\u001b[${code}m${s}\u001b[0m` : s);
  const write = (stream: NodeJS.WriteStream, text: string) => stream.write(`${redactKnown(text)}\n`);
  let progressShown = false;
  const clearProgress = () => { if (progressShown) { stderr.write('\r\u001b[K'); progressShown = false; } };
  return {
    json,
    line: (text = '') => { if (!json) { clearProgress(); write(stdout, text); } },
    note: (text) => { clearProgress(); write(stderr, text); },
    result: (value) => { clearProgress(); if (json) write(stdout, JSON.stringify(value, null, 2)); },
    table(rows) {
      if (json || !rows.length) return;
      clearProgress();
      const visible = (s: string) => s.replace(ANSI, '');
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => visible(r[i] ?? '').length)));
      for (const r of rows) write(stdout, r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - visible(c).length))).join('  ').trimEnd());
    },
    color: { green: paint(32), red: paint(31), yellow: paint(33), dim: paint(2), bold: paint(1) },
    progress(text) {
      if (json || stderr.isTTY !== true) return;
      stderr.write(`\r\u001b[K${redactKnown(text)}`);
      progressShown = true;
    },
  };
}
