// Save Conversation as Test (Try Bot's title bar): the conversation so far becomes a case in the test file beside the
// bot file, the last reply a draft `contains` assertion; the file opens at the new case for the creator to edit.

import * as vscode from 'vscode';
import { addCase, caseFrom, testFileNameFor } from '../../tests/saveCase';
import { readTestFile } from '../../tests/testFile';
import { openDocument, readText, writeText } from '../documents';
import { UserError } from '../errors';
import { loadPanels } from '../panelLoader';
import type { Services } from '../services';

export async function saveConversationAsTest(s: Services, arg?: unknown): Promise<vscode.Uri> {
  const { TryBotPanel } = loadPanels();
  const panel = typeof arg === 'string' ? TryBotPanel.get(arg) : TryBotPanel.active();
  if (!panel)
    throw new UserError(
      vscode.l10n.t('Open Try Bot and talk to the bot first: Save as Test saves the conversation in front.'),
    );
  const snap = panel.snapshot();
  const testCase = caseFrom(snap);
  if (typeof testCase === 'string') throw new UserError(testCase);
  const botFile = await s.files.fileFor(snap.handle);
  if (!botFile)
    throw new UserError(
      vscode.l10n.t(
        '{0} has no bot file in this workspace: a test sits beside its bot file. Pull the bot first.',
        snap.handle,
      ),
    );
  const botName = botFile.path.slice(botFile.path.lastIndexOf('/') + 1);
  const testFile = vscode.Uri.joinPath(botFile, '..', testFileNameFor(botName));
  let added: { text: string; index: number };
  try {
    added = addCase(await readText(testFile), botName, testCase);
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  await writeText(testFile, added.text);
  const doc = openDocument(testFile) ?? (await vscode.workspace.openTextDocument(testFile));
  const c = readTestFile(doc.getText()).cases[added.index];
  const range = c ? new vscode.Range(doc.positionAt(c.offset), doc.positionAt(c.offset + c.length)) : undefined;
  await vscode.window.showTextDocument(doc, { selection: range, preview: false, viewColumn: vscode.ViewColumn.One });
  return testFile;
}
