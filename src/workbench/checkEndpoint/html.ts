// The Check Endpoint report as a page: every row rendered here, escaped, so the page needs no data of its own and a
// reload shows the same report. The script only turns clicks into messages (Copy, Run Again, Cancel).

import * as vscode from 'vscode';
import type { CheckReport, CheckRow, RowStatus } from '../../endpoint';
import { escapeHtml as esc, panelPage } from '../panelPage';

export interface ReportPage {
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  handle: string;
  baseUrl: string;
  rows: readonly CheckRow[];
  report?: CheckReport;
  running: boolean;
  error?: string;
}

const ICON: Record<RowStatus, string> = { pass: '✓', warn: '!', fail: '✗', skip: '–' };
const statusWord = (s: RowStatus) =>
  s === 'pass'
    ? vscode.l10n.t('Passed')
    : s === 'warn'
      ? vscode.l10n.t('Warning')
      : s === 'fail'
        ? vscode.l10n.t('Failed')
        : vscode.l10n.t('Skipped');

function row(r: CheckRow, i: number): string {
  const ms =
    r.ms === undefined
      ? ''
      : `<span class="ms">${esc(r.ms < 1000 ? `${Math.round(r.ms)} ms` : `${(r.ms / 1000).toFixed(1)} s`)}</span>`;
  const details =
    r.request || r.response
      ? `<details><summary>${esc(vscode.l10n.t('What was sent and what came back'))}</summary>
${r.request ? `<div class="sent"><div class="label">${esc(vscode.l10n.t('Sent'))} <button type="button" data-copy="${i}">${esc(vscode.l10n.t('Copy curl'))}</button></div><pre>${esc(r.request)}</pre></div>` : ''}
${r.response ? `<div class="label">${esc(vscode.l10n.t('Came back'))}</div><pre>${esc(r.response)}</pre>` : ''}</details>`
      : '';
  return `<li class="row ${r.status}" aria-label="${esc(`${r.title}: ${statusWord(r.status)}`)}">
<div class="head"><span class="icon" aria-hidden="true">${ICON[r.status]}</span><span class="title">${esc(r.title)}</span><span class="status">${esc(statusWord(r.status))}</span>${ms}</div>
<p class="summary">${esc(r.summary)}</p>${r.fix ? `<p class="fix"><strong>${esc(vscode.l10n.t('What to do:'))}</strong> ${esc(r.fix)}</p>` : ''}${details}</li>`;
}

export function reportHtml(p: ReportPage): string {
  const state = p.running ? vscode.l10n.t('Checking…') : (p.report?.summary ?? p.error ?? '');
  const buttons = p.running
    ? `<button type="button" id="cancel">${esc(vscode.l10n.t('Cancel'))}</button>`
    : `<button type="button" id="again" class="primary">${esc(vscode.l10n.t('Run Again'))}</button>`;
  const title = vscode.l10n.t('Endpoint check: {0}', p.handle);
  return panelPage({
    cspSource: p.cspSource,
    scriptUri: p.scriptUri,
    styleUri: p.styleUri,
    title,
    lang: vscode.env.language,
    body: `<header><h1>${esc(title)}</h1><p class="url">${esc(p.baseUrl)}</p>
<div class="bar"><p class="state" role="status" aria-live="polite">${esc(state)}</p>${buttons}</div></header>
<ol class="rows">${p.rows.map(row).join('\n')}</ol>
<p class="assumption">${esc(p.report?.assumption ?? '')}</p>`,
  });
}
