// The bot tests in the Testing view: one controller, its tree (discover.ts) and a Run profile (run.ts). Registered
// at activation; discovery waits for the Testing view to ask, and the runner for the first run.

import * as vscode from 'vscode';
import type { Services } from '../services';
import { BotTestsTree } from './discover';
import { runLens, TEST_FILES } from './lens';
import { runHandler } from './run';

export const CONTROLLER_ID = 'poeBots.botTests';

export interface BotTests extends vscode.Disposable {
  tree: BotTestsTree;
  /** What the Run profile does, with the results it reported (for the in-editor tests). */
  run: ReturnType<typeof runHandler>;
}

export function registerBotTests(s: Services): BotTests {
  const controller = vscode.tests.createTestController(CONTROLLER_ID, vscode.l10n.t('Poe Bot Tests'));
  const tree = new BotTestsTree(controller);
  const run = runHandler(s, tree);
  controller.createRunProfile(
    vscode.l10n.t('Run'),
    vscode.TestRunProfileKind.Run,
    async (request, token) => {
      await run(request, token);
    },
    true,
  );
  const disposable = vscode.Disposable.from(
    tree,
    controller,
    vscode.languages.registerCodeLensProvider(TEST_FILES, runLens(tree)),
  );
  return { tree, run, dispose: () => disposable.dispose() };
}
