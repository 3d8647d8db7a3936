// How a bot looks in the tree: handle, model and API type, a private/public icon, a tooltip with what matters.

import * as vscode from 'vscode';
import { perMillion } from '../../botfile/prices';
import type { Bot } from '../../poe';
import { Command } from '../commandIds';

export type BotNode =
  | { kind: 'bot'; bot: Bot }
  | { kind: 'error'; message: string }
  | { kind: 'notice'; message: string; command: string; tooltip: string };

const API_TYPES: Record<string, string> = { chat_completions_api: 'Chat Completions', responses_api: 'Responses' };

export function botDescription(bot: Bot): string {
  const s = bot.api_bot_settings;
  return [s?.model_name, s?.api_type ? (API_TYPES[s.api_type] ?? s.api_type) : undefined].filter(Boolean).join(' · ');
}

export function botTooltip(bot: Bot, file?: vscode.Uri): vscode.MarkdownString {
  const s = bot.api_bot_settings ?? {};
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(
    `**${escape(bot.handle)}** · ${bot.is_private ? vscode.l10n.t('$(lock) private') : vscode.l10n.t('$(globe) public')}\n\n`,
  );
  if (bot.description) md.appendMarkdown(`${escape(bot.description)}\n\n`);
  const rows: [string, string | undefined][] = [
    [vscode.l10n.t('Model'), s.model_name && `\`${s.model_name}\``],
    [vscode.l10n.t('Endpoint'), s.base_url && `\`${s.base_url}\``],
    [vscode.l10n.t('API'), s.api_type && API_TYPES[s.api_type]],
    [vscode.l10n.t('Input'), s.input_modalities?.join(', ')],
    [vscode.l10n.t('Output'), s.output_modalities?.join(', ')],
    [vscode.l10n.t('Features'), s.supported_features?.join(', ')],
    [
      vscode.l10n.t('Max input'),
      s.max_input_tokens?.toLocaleString('en-US') &&
        vscode.l10n.t('{0} tokens', s.max_input_tokens.toLocaleString('en-US')),
    ],
    [
      vscode.l10n.t('Context'),
      s.context_size?.toLocaleString('en-US') && vscode.l10n.t('{0} tokens', s.context_size.toLocaleString('en-US')),
    ],
    [vscode.l10n.t('Input price'), perMillion(s.pricing?.prompt)],
    [vscode.l10n.t('Output price'), perMillion(s.pricing?.completion)],
    [vscode.l10n.t('Cached input'), perMillion(s.pricing?.input_cache_reads)],
    [
      vscode.l10n.t('Price tiers'),
      s.pricing?.context_pricing?.tiers?.length ? String(s.pricing.context_pricing.tiers.length) : undefined,
    ],
  ];
  for (const [k, v] of rows) if (v) md.appendMarkdown(`${k}: ${v}  \n`);
  if (file) md.appendMarkdown(`\n$(file) ${escape(vscode.workspace.asRelativePath(file))}`);
  return md;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}

export function botItem(bot: Bot, opts: { busy: boolean; file?: vscode.Uri }): vscode.TreeItem {
  const item = new vscode.TreeItem(bot.handle, vscode.TreeItemCollapsibleState.None);
  const description = botDescription(bot);
  item.id = `bot:${bot.handle}`;
  item.description = opts.file ? `${description} · ${words().inWorkspace}` : description;
  item.iconPath = opts.busy
    ? new vscode.ThemeIcon('loading~spin')
    : new vscode.ThemeIcon(bot.is_private ? 'lock' : 'globe');
  item.contextValue = opts.file ? 'bot.withFile' : 'bot';
  item.accessibilityInformation = {
    label: `${bot.handle}, ${bot.is_private ? words().privateBot : words().publicBot}, ${description}`,
  };
  item.command = { command: Command.openBot, title: words().openBot, arguments: [bot.handle] };
  return item;
}

/** Words every row uses, translated once rather than once per bot. */
let cached: { inWorkspace: string; privateBot: string; publicBot: string; openBot: string } | undefined;
function words() {
  return (cached ??= {
    inWorkspace: vscode.l10n.t('in workspace'),
    privateBot: vscode.l10n.t('private bot'),
    publicBot: vscode.l10n.t('public bot'),
    openBot: vscode.l10n.t('Open Bot'),
  });
}

export function errorItem(message: string): vscode.TreeItem {
  const item = new vscode.TreeItem(message, vscode.TreeItemCollapsibleState.None);
  item.id = 'error';
  item.iconPath = new vscode.ThemeIcon('warning');
  item.description = vscode.l10n.t('Retry');
  item.tooltip = vscode.l10n.t('{0} Click to try again; details are in the log (Poe: Show Log).', message);
  item.contextValue = 'error';
  item.command = { command: Command.refresh, title: vscode.l10n.t('Retry') };
  return item;
}

/** A row at the top that asks for a decision (e.g. a workspace's Poe address waiting for approval). */
export function noticeItem(node: { message: string; command: string; tooltip: string }): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
  item.id = `notice:${node.command}`;
  item.iconPath = new vscode.ThemeIcon('shield');
  item.tooltip = node.tooltip;
  item.contextValue = 'notice';
  item.command = { command: node.command, title: node.message };
  return item;
}
