// Before any write: the file is valid and its key reference resolves. Nothing is sent for a file with errors.

import { parseKeyReference, resolveKey, KeyResolutionError } from '../botfile/secrets';
import type { ParsedBotFile } from '../botfile/parse';
import { viewOf } from '../botfile/read';
import { describeProblems, hasErrors, validateBotFile } from '../botfile/validate';
import type { Problem } from '../botfile/problems';
import { english, type BotFileRef, type PreparedFile, type SyncEnv } from './types';

/** A file with errors: nothing was sent; the problems say where. */
export class FileProblemsError extends Error {
  readonly userFacing = true;
  constructor(
    message: string,
    readonly file: BotFileRef,
    readonly problems: Problem[],
    readonly text = '',
  ) {
    super(message);
    this.name = 'FileProblemsError';
  }
}

export class UnreadableFileError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

export async function prepareFile(
  env: SyncEnv,
  file: BotFileRef,
  opts: { askForMissingSecret?: boolean; parsed?: ParsedBotFile } = {},
): Promise<PreparedFile> {
  const t = env.t ?? english;
  // A flow that read and parsed the file already hands its text over: one read per file per run.
  const text = opts.parsed?.text ?? (await env.read(file));
  if (text === undefined) throw new UnreadableFileError(t('{0} could not be read.', file.label));
  const validated = validateBotFile(text, opts.parsed);
  if (hasErrors(validated.problems)) {
    const errors = validated.problems.filter((p) => p.severity === 'error');
    throw new FileProblemsError(
      t(
        '{0} has {1} problem(s), so nothing was sent:\n{2}',
        file.label,
        errors.length,
        describeProblems(validated.text, errors, 3),
      ),
      file,
      errors,
      validated.text,
    );
  }
  const { bot: local, handle, keyText } = viewOf(validated);
  const prepared: PreparedFile = { file, handle: handle ?? '', validated, local, keyText };
  if (keyText === undefined) return prepared;
  try {
    prepared.key = await resolveKey(keyText, env.keys);
  } catch (e) {
    if (!(e instanceof KeyResolutionError)) throw e;
    const ref = parseKeyReference(keyText);
    const canAsk =
      opts.askForMissingSecret !== false &&
      env.questions.missingSecret &&
      typeof ref === 'object' &&
      ref.kind === 'secret';
    // A key that does not resolve stops only a plan that would send it (an up-to-date bot needs none).
    if (!canAsk || !(await env.questions.missingSecret!(ref.name, e.message))) {
      prepared.keyError = e;
      return prepared;
    }
    prepared.key = await resolveKey(keyText, env.keys);
  }
  return prepared;
}
