// poe-bots validate [paths...]: every bot file checked with the editor's own rules, problems as file:line:col; two
// files claiming one handle (ignoring case) are an error on each file's handle line, naming the others.

import { rangeOf } from '../../botfile/parse';
import { viewOf } from '../../botfile/read';
import { validateBotFile, type Validated } from '../../botfile/validate';
import { duplicateHandles, duplicateMessage, type Claim } from '../../sync/duplicates';
import { readFile, selectBotFiles } from '../env';
import type { Out } from '../output';

export const EXIT_PROBLEMS = 3;

/** 1-based line and column of an offset, as an editor counts them (a byte-order mark takes no column). */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const bom = line === 1 && text.charCodeAt(0) === 0xfeff && offset > 0 ? 1 : 0;
  return { line, column: offset - before.lastIndexOf('\n') - bom };
}

export async function validate(paths: string[], out: Out): Promise<number> {
  const files = await selectBotFiles(paths);
  const checked = await Promise.all(
    files.map(async (file) => {
      const text = (await readFile(file)) ?? '';
      return { file, text, validated: validateBotFile(text) };
    }),
  );
  const handle = (v: Validated) => viewOf(v).handle;
  const twice = duplicateHandles(
    checked.flatMap((c): Claim[] =>
      typeof handle(c.validated) === 'string' ? [{ file: c.file, handle: handle(c.validated) as string }] : [],
    ),
  );
  const report = [];
  let errors = 0;
  let warnings = 0;
  for (const { file: f, text, validated } of checked) {
    const found = validated.problems.map((p) => ({
      offset: p.offset,
      severity: p.severity,
      message: p.message,
      code: p.code,
    }));
    const others = twice.get(f.id);
    if (others) {
      const at = rangeOf(validated.tree, ['handle']).offset;
      found.push({
        offset: at,
        severity: 'error',
        message: duplicateMessage(handle(validated) as string, others, 'push refuses it until one file holds it.'),
        code: 'handle.duplicate',
      });
      found.sort((a, b) => a.offset - b.offset);
    }
    const problems = found.map(({ offset, ...p }) => ({ ...position(text, offset), ...p }));
    for (const p of problems) {
      if (p.severity === 'error') errors++;
      else if (p.severity === 'warning') warnings++;
      const word = p.severity === 'error' ? out.color.red('error') : out.color.yellow(p.severity);
      out.line(`${f.label}:${p.line}:${p.column} ${word} ${p.message}`);
    }
    report.push({ file: f.label, problems });
  }
  out.line(`${files.length} bot file(s): ${errors} error(s), ${warnings} warning(s).`);
  out.result({ files: report, errors, warnings });
  return errors ? EXIT_PROBLEMS : 0;
}
