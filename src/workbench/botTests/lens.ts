// Run from the file: a CodeLens above the test file and above each case, running it through the same Run profile as
// the Testing view (results land there too).

import * as vscode from 'vscode';
import { Command } from '../commandIds';
import { UserError } from '../errors';
import type { Services } from '../services';
import type { BotTestsTree } from './discover';

export const TEST_FILES: vscode.DocumentSelector = { language: 'jsonc', pattern: '**/*.poebot-test.json' };

export function runLens(tree: BotTestsTree): vscode.CodeLensProvider {
  return {
    async provideCodeLenses(doc) {
      await tree.refresh(doc.uri);
      const file = tree.controller.items.get(doc.uri.toString());
      if (!file) return [];
      const top = new vscode.Range(0, 0, 0, 0);
      const lenses = [
        new vscode.CodeLens(top, {
          title: vscode.l10n.t('$(run-all) Run All Cases'),
          command: Command.runBotTests,
          arguments: [doc.uri],
        }),
      ];
      file.children.forEach((item) => {
        if (item.range)
          lenses.push(
            new vscode.CodeLens(item.range.with({ end: item.range.start }), {
              title: vscode.l10n.t('$(run) Run'),
              command: Command.runBotTests,
              arguments: [doc.uri, item.id],
            }),
          );
      });
      return lenses;
    },
  };
}

/** Runs a test file, or one of its cases (by item id), as the Testing view would. */
export async function runBotTests(s: Services, arg?: unknown, id?: unknown): Promise<void> {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  const tests = s.botTests;
  if (!uri || !tests) throw new UserError(vscode.l10n.t('Open a *.poebot-test.json file first.'));
  await tests.tree.refresh(uri);
  const file = tests.tree.controller.items.get(uri.toString());
  const item = typeof id === 'string' ? file?.children.get(id) : file;
  if (!item) throw new UserError(vscode.l10n.t('{0} has no bot tests to run.', vscode.workspace.asRelativePath(uri)));
  const cancel = new vscode.CancellationTokenSource();
  try {
    await tests.run(new vscode.TestRunRequest([item]), cancel.token);
  } finally {
    cancel.dispose();
  }
}
