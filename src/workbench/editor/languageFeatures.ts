// Hovers on prices ($ per 1M tokens), completion of param_name from the file's own controls, a CodeLens to push,
// and the quick fix that moves a literal endpoint key into secret storage.

import { getLocation, parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import { controlParameterNames } from '../../botfile/controls';
import { BOT_FILE_GLOB } from '../../botfile/names';
import { perMillion } from '../../botfile/prices';
import { Command } from '../commandIds';

export const BOT_FILES: vscode.DocumentSelector = [{ pattern: BOT_FILE_GLOB }];

const PRICE_KEYS = new Set(['prompt', 'completion', 'input_cache_reads']);

export const priceHover: vscode.HoverProvider = {
  provideHover(doc, position) {
    const loc = getLocation(doc.getText(), doc.offsetAt(position));
    const key = loc.path.at(-1);
    if (loc.isAtPropertyKey || typeof key !== 'string' || !PRICE_KEYS.has(key) || !loc.path.includes('pricing'))
      return undefined;
    const node = loc.previousNode;
    const text = node && perMillion(node.value);
    if (!node || !text) return undefined;
    const md = new vscode.MarkdownString(
      `**${text}** · ${vscode.l10n.t('{0} per 1K tokens', `$${Number((Number(node.value) * 1000).toPrecision(6))}`)}\n\n${vscode.l10n.t('Poe prices are US dollars per single token.')}`,
    );
    return new vscode.Hover(
      md,
      new vscode.Range(doc.positionAt(node.offset), doc.positionAt(node.offset + node.length)),
    );
  },
};

export const paramNameCompletion: vscode.CompletionItemProvider = {
  provideCompletionItems(doc, position) {
    const text = doc.getText();
    const loc = getLocation(text, doc.offsetAt(position));
    const p = loc.path;
    if (
      loc.isAtPropertyKey ||
      p.length !== 4 ||
      p[0] !== 'api_bot_settings' ||
      p[1] !== 'param_definitions' ||
      p[3] !== 'param_name'
    )
      return undefined;
    const node = loc.previousNode;
    const range =
      node && node.type === 'string'
        ? new vscode.Range(doc.positionAt(node.offset), doc.positionAt(node.offset + node.length))
        : undefined;
    return controlParameterNames(parse(text)).map((name) => {
      const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Variable);
      item.insertText = JSON.stringify(name);
      item.range = range;
      item.detail = vscode.l10n.t('set by a control in parameter_controls');
      item.sortText = `0${name}`;
      return item;
    });
  },
};

export const pushLens: vscode.CodeLensProvider = {
  provideCodeLenses(doc) {
    if (doc.uri.scheme !== 'file') return [];
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, {
        title: vscode.l10n.t('$(cloud-upload) Push to Poe'),
        command: Command.push,
        arguments: [doc.uri],
      }),
      new vscode.CodeLens(top, {
        title: vscode.l10n.t('$(diff) Compare with Remote'),
        command: Command.compare,
        arguments: [doc.uri],
      }),
      new vscode.CodeLens(top, {
        title: vscode.l10n.t('$(pulse) Check Endpoint'),
        command: Command.checkEndpoint,
        arguments: [doc.uri],
      }),
      new vscode.CodeLens(top, {
        title: vscode.l10n.t('$(comment-discussion) Try Bot'),
        command: Command.tryBot,
        arguments: [doc.uri],
      }),
    ];
  },
};

export const moveKeyFix: vscode.CodeActionProvider = {
  provideCodeActions(doc, _range, context) {
    return context.diagnostics
      .filter((d) => d.code === 'literal-key')
      .map((d) => {
        const action = new vscode.CodeAction(
          vscode.l10n.t('Move key to secret storage'),
          vscode.CodeActionKind.QuickFix,
        );
        action.diagnostics = [d];
        action.isPreferred = true;
        action.command = { command: Command.moveKeyToSecret, title: action.title, arguments: [doc.uri] };
        return action;
      });
  },
};
