// poe-bots validate [paths...]: every bot file checked with the editor's own rules, problems as file:line:col.

import { validateBotFile } from '../../botfile/validate';
import { readFile, selectBotFiles } from '../env';
import type { Out } from '../output';

export const EXIT_PROBLEMS = 3;

/** 1-based line and column of an offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

export async function validate(paths: string[], out: Out): Promise<number> {
  const files = await selectBotFiles(paths);
  const report = [];
  let errors = 0;
  let warnings = 0;
  for (const f of files) {
    const text = await readFile(f) ?? '';
    const problems = validateBotFile(text).problems.map((p) => ({ ...position(text, p.offset), severity: p.severity, message: p.message, code: p.code }));
    for (const p of problems) {
      if (p.severity === 'error') errors++; else if (p.severity === 'warning') warnings++;
      const word = p.severity === 'error' ? out.color.red('error') : out.color.yellow(p.severity);
      out.line(`${f.label}:${p.line}:${p.column} ${word} ${p.message}`);
    }
    report.push({ file: f.label, problems });
  }
  out.line(`${files.length} bot file(s): ${errors} error(s), ${warnings} warning(s).`);
  out.result({ files: report, errors, warnings });
  return errors ? EXIT_PROBLEMS : 0;
}
