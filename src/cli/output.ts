// What the command line prints: tables and sentences for people (colour only on a terminal, and never with
// NO_COLOR), one JSON document for machines (--json). Every line passes through redaction (no key is ever printed)
// and through terminalText (a server or a file cannot move the cursor, retitle the window or write the clipboard).

import { redactKnown, redactStrings } from '../poe/redact';
import { withoutControls } from '../poe/text';

const ESC = String.fromCharCode(27);
// Our own colours, the only escape sequences that reach the terminal.
const OURS = new RegExp(`${ESC}\\[(?:0|1|2|31|32|33)m`, 'g');
// Colour codes take no room on screen: widths are counted without them.
const ANSI = new RegExp(`${ESC}\\[\\d+m`, 'g');
/** Text from a server or a file, safe for a terminal: every control character gone. */
export const terminalText = withoutControls;

/** A line we made, with our colours kept and every other control character gone. */
function safeLine(text: string): string {
  const parts = text.split(OURS);
  const codes = text.match(OURS) ?? [];
  return parts.map((p, i) => terminalText(p) + (codes[i] ?? '')).join('');
}

// The core's messages are written for the editor; on the command line the same thing is a variable.
const EDITOR_WORDS: [RegExp, string][] = [
  [/the poeBots\.apiBaseUrl setting/g, 'POE_API_BASE_URL'],
  [/poeBots\.apiBaseUrl/g, 'POE_API_BASE_URL'],
  [/ \("Poe: Set Endpoint Secret"\)/g, ' (POE_SECRET_<NAME>)'],
  [/Set it with "Poe: Set Endpoint Secret"\./g, 'Set POE_SECRET_<NAME>.'],
];

/** A sentence from the core in the command line's words: variables and flags, never editor settings or commands. */
export const cliWords = (text: string) => EDITOR_WORDS.reduce((s, [from, to]) => s.replace(from, to), text);

export interface Out {
  json: boolean;
  /** A line for people (not printed with --json). */
  line(text?: string): void;
  /** A problem or progress, on stderr. */
  note(text: string): void;
  /** The one JSON document of a --json run. */
  result(value: unknown): void;
  table(rows: string[][]): void;
  color: {
    green(s: string): string;
    red(s: string): string;
    yellow(s: string): string;
    dim(s: string): string;
    bold(s: string): string;
  };
  /** Progress: on a terminal's stderr, overwritten in place; elsewhere a line now and then (a CI log shows it moving). */
  progress(text: string, important?: boolean): void;
}

export function makeOut(
  json: boolean,
  stdout: NodeJS.WriteStream = process.stdout,
  stderr: NodeJS.WriteStream = process.stderr,
  now = () => Date.now(),
): Out {
  const tty = stdout.isTTY === true && !process.env.NO_COLOR;
  const paint = (code: number) => (s: string) => (tty ? `${ESC}[${code}m${s}${ESC}[0m` : s);
  const shown = (text: string) => `${safeLine(cliWords(redactKnown(text)))}\n`;
  const write = (stream: NodeJS.WriteStream, text: string) => stream.write(shown(text));
  let progressShown = false;
  let lastLine = -Infinity;
  const clearProgress = () => {
    if (progressShown) {
      stderr.write(`\r${ESC}[K`);
      progressShown = false;
    }
  };
  return {
    json,
    line: (text = '') => {
      if (!json) {
        clearProgress();
        write(stdout, text);
      }
    },
    note: (text) => {
      clearProgress();
      write(stderr, text);
    },
    // Values are redacted one by one, so a mask never breaks the JSON; JSON.stringify escapes every control character.
    result: (value) => {
      clearProgress();
      if (json)
        stdout.write(
          `${JSON.stringify(redactStrings(value), (_k, v: unknown) => (typeof v === 'string' ? cliWords(v) : v), 2)}\n`,
        );
    },
    table(rows) {
      if (json || !rows.length) return;
      clearProgress();
      const cells = rows.map((r) => r.map((c) => safeLine(c)));
      const visible = (s: string) => s.replace(ANSI, '');
      const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => visible(r[i] ?? '').length)));
      // Each line redacted on its own, as every line is; the table in one write (a write per row of 1,000 bots adds up).
      let text = '';
      for (const r of cells)
        text += shown(
          r
            .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - visible(c).length)))
            .join('  ')
            .trimEnd(),
        );
      stdout.write(text);
    },
    color: { green: paint(32), red: paint(31), yellow: paint(33), dim: paint(2), bold: paint(1) },
    progress(text, important = false) {
      if (stderr.isTTY === true) {
        if (json) return;
        stderr.write(`\r${ESC}[K${safeLine(redactKnown(text))}`);
        progressShown = true;
        return;
      }
      // No terminal (CI): a line for each write, and for the rest at most one every 5 seconds.
      if (!important && now() - lastLine < 5_000) return;
      lastLine = now();
      write(stderr, text);
    },
  };
}
