// A test file with what it tests: its typed view, the bot file beside it (read once, by readBotFile), and every run
// of its cases (matrices expanded). What the Testing view discovers and what the runner and the command line run.

import { readBotFile, type BotFileView } from '../botfile/read';
import { planCases, type PlannedCase } from './matrix';
import { readTestFile, type TestFileView } from './testFile';

export interface LoadedTests {
  view: TestFileView;
  /** The bot file's path (the test file's folder joined with "bot"), when the tests name one. */
  botPath?: string;
  bot?: BotFileView;
  planned: PlannedCase[];
  /** Why nothing can run: the file as a whole is wrong, or its bot file is missing. */
  problem?: string;
}

/** `join` puts a relative path under the test file's folder (path.join, or a Uri's), so this stays free of both. */
export async function loadTests(
  text: string,
  botPathFor: (bot: string) => string,
  readText: (path: string) => Promise<string | undefined>,
): Promise<LoadedTests> {
  const view = readTestFile(text);
  if (view.problem) return { view, planned: planCases(view.cases, {}), problem: view.problem };
  if (!view.bot) return { view, planned: planCases(view.cases, {}) };
  const botPath = botPathFor(view.bot);
  const botText = await readText(botPath);
  if (botText === undefined)
    return {
      view,
      botPath,
      planned: planCases(view.cases, {}),
      problem: `The bot file "${view.bot}" the tests name is not there (looked for ${botPath}).`,
    };
  const bot = readBotFile(botText);
  return { view, botPath, bot, planned: planCases(view.cases, bot.bot) };
}
