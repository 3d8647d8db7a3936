// A run from the Testing view (the Run button, the gutter, a file or a case): the runner is read on the first run
// (dist/tests.js), each file's cases go through its route, and each result lands on its item: passed, or failed with
// the assertion's expected vs got as a diff, with the reply and the request (the key only as its reference) in the
// output. A run through Poe first says what it may cost and asks once; an endpoint key's destination is asked as
// Check Endpoint asks it.

import * as vscode from 'vscode';
import { newestCostFor, pointsHistory } from '../../poe';
import { withoutControls } from '../../poe/text';
import type { LoadedTests } from '../../tests/load';
import type { CaseResult, Sender } from '../../tests';
import { askingKeyGate } from '../keyDestination';
import { loadTestRunner } from '../lazy';
import { keySources } from '../flowEnv';
import type { Services } from '../services';
import { ui } from '../ui';
import type { BotTestsTree } from './discover';

interface FileRun {
  uri: vscode.Uri;
  loaded: LoadedTests;
  ids: Set<string>;
}

/** The runs a request asks for, by file: every leaf under each item included, none under an item excluded. */
function selected(tree: BotTestsTree, request: vscode.TestRunRequest): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const excluded = new Set((request.exclude ?? []).map((i) => i.id));
  const walk = (item: vscode.TestItem) => {
    if (excluded.has(item.id)) return;
    const data = tree.data.get(item);
    if (!data) return;
    const ids = out.get(data.file.toString()) ?? new Set<string>();
    out.set(data.file.toString(), ids);
    for (const p of data.planned ?? [])
      if (!excluded.has(`${data.file.toString()}#${p.id}`) && !excluded.has(`${data.file.toString()}#${p.case.index}`))
        ids.add(p.id);
  };
  if (request.include) request.include.forEach(walk);
  else tree.controller.items.forEach(walk);
  return out;
}

/** The item a result belongs on: a matrix run's own, else its case's. */
function itemFor(tree: BotTestsTree, uri: vscode.Uri, id: string): vscode.TestItem | undefined {
  const file = tree.controller.items.get(uri.toString());
  const index = id.split('/')[0]!;
  const c = file?.children.get(`${uri.toString()}#${index}`);
  return c?.children.get(`${uri.toString()}#${id}`) ?? c;
}

const crlf = (text: string) => withoutControls(text).replace(/\r?\n/g, '\r\n');

function describe(r: CaseResult): string {
  const lines: string[] = [`── ${r.name} ──`];
  if (r.request)
    lines.push(
      `POST ${r.request.url}`,
      `authorization: Bearer ${r.request.keyLabel}`,
      JSON.stringify(r.request.body, null, 2),
    );
  if (r.reply) {
    lines.push(
      '',
      vscode.l10n.t('Reply:'),
      r.reply.text || r.reply.toolCalls.map((t) => `${t.name}(${t.arguments})`).join('\n'),
    );
    if (r.reply.usage)
      lines.push(
        vscode.l10n.t(
          'Usage: {0} prompt, {1} completion tokens',
          r.reply.usage.inputTokens,
          r.reply.usage.outputTokens,
        ),
      );
  }
  if (r.message) lines.push('', r.message);
  return crlf(`${lines.join('\n')}\n\n`);
}

function report(run: vscode.TestRun, item: vscode.TestItem, r: CaseResult): void {
  const location = item.uri && item.range ? new vscode.Location(item.uri, item.range) : undefined;
  if (r.status !== 'skipped') run.appendOutput(describe(r), location, item);
  if (r.status === 'passed') return run.passed(item, r.durationMs);
  if (r.status === 'skipped') return run.skipped(item);
  if (r.status === 'errored')
    return run.errored(item, Object.assign(new vscode.TestMessage(r.message ?? ''), { location }), r.durationMs);
  const messages = r.outcomes
    .filter((o) => !o.pass)
    .map((o) =>
      Object.assign(
        vscode.TestMessage.diff(
          vscode.l10n.t('{0}: expected {1}, got {2}', o.assertion, o.expected, o.got),
          o.expected,
          o.got,
        ),
        { location },
      ),
    );
  if (r.message) messages.push(Object.assign(new vscode.TestMessage(r.message), { location }));
  run.failed(item, messages, r.durationMs);
}

/** Says what a run through Poe may cost, from what the last message to the bot cost, and asks once. */
async function agreeToPoints(s: Services, runs: FileRun[]): Promise<boolean> {
  const poe = runs.filter((f) => f.loaded.view.route === 'poe');
  if (!poe.length) return true;
  const count = poe.reduce((n, f) => n + f.ids.size, 0);
  const handles = [...new Set(poe.map((f) => f.loaded.view.handle ?? f.loaded.bot?.handle ?? '?'))];
  let last = '';
  try {
    const history = await pointsHistory(s.api.client(), { limit: 100 });
    const costs = handles
      .map((h) => newestCostFor(history.data, h)?.cost_points)
      .filter((c): c is number => c !== undefined);
    if (costs.length)
      last = vscode.l10n.t(
        ' The last message to it cost {0} points, so about {1} points in all.',
        Math.max(...costs),
        Math.max(...costs) * count,
      );
  } catch {
    /* the estimate is a courtesy: without it the question still says each case costs points */
  }
  const run = vscode.l10n.t('Run');
  return (
    (await ui.confirm(
      vscode.l10n.t(
        '{0} bot test cases go through Poe to {1} with your Poe key, and each costs points.',
        count,
        handles.join(', '),
      ),
      vscode.l10n.t('Poe charges every message from your point balance.{0}', last),
      run,
    )) === run
  );
}

export function runHandler(s: Services, tree: BotTestsTree) {
  return async (request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<CaseResult[]> => {
    const reported: CaseResult[] = [];
    const run = tree.controller.createTestRun(request);
    const stop = new AbortController();
    const cancel = token.onCancellationRequested(() => stop.abort());
    try {
      const runs: FileRun[] = [];
      for (const [file, ids] of selected(tree, request)) {
        const uri = vscode.Uri.parse(file);
        const loaded = await tree.refresh(uri);
        if (loaded) runs.push({ uri, loaded, ids });
      }
      for (const f of runs)
        for (const p of f.loaded.planned) {
          const item = f.ids.has(p.id) && itemFor(tree, f.uri, p.id);
          if (item) run.enqueued(item);
        }
      if (!(await agreeToPoints(s, runs))) {
        for (const f of runs)
          for (const id of f.ids) {
            const item = itemFor(tree, f.uri, id);
            if (item) run.skipped(item);
          }
        return reported;
      }
      const tests = loadTestRunner();
      const poeKey = async () => (await s.keys.poeKey())?.key;
      const gate = askingKeyGate(s.context.workspaceState, poeKey, vscode.l10n.t('Bot tests'));
      for (const f of runs) {
        if (stop.signal.aborted) break;
        const fileItem = tree.controller.items.get(f.uri.toString());
        if (f.loaded.problem) {
          if (fileItem) run.errored(fileItem, new vscode.TestMessage(f.loaded.problem));
          continue;
        }
        let sender: Sender;
        if (f.loaded.view.route === 'direct') {
          sender = tests.directSender({
            bot: f.loaded.bot!,
            botLabel: vscode.workspace.asRelativePath(vscode.Uri.parse(f.loaded.botPath!)),
            gate,
            sources: keySources(s),
            t: vscode.l10n.t,
          });
        } else {
          const key = await poeKey();
          const handle = f.loaded.view.handle ?? f.loaded.bot?.handle;
          if (!key || !handle) {
            if (fileItem)
              run.errored(
                fileItem,
                new vscode.TestMessage(
                  !key
                    ? vscode.l10n.t('Set your Poe API key first ("Poe: Set API Key").')
                    : vscode.l10n.t('The bot file names no handle to call through Poe.'),
                ),
              );
            continue;
          }
          sender = tests.poeSender({
            handle,
            apiBaseUrl: s.api.baseUrl(),
            poeKey: key,
            client: s.api.client(),
            t: vscode.l10n.t,
          });
        }
        const planned = f.loaded.planned.filter((p) => f.ids.has(p.id));
        const result = await tests.runCases(planned, sender, {
          signal: stop.signal,
          onStart: (p) => {
            const item = itemFor(tree, f.uri, p.id);
            if (item) run.started(item);
          },
          onResult: (r) => {
            reported.push(r);
            const item = itemFor(tree, f.uri, r.id);
            if (item) report(run, item, r);
          },
        });
        if (result.error) {
          s.log.warn(`bot tests: ${result.error}`);
          if (fileItem) run.appendOutput(crlf(`${vscode.l10n.t('Stopped: {0}', result.error)}\n`));
          void vscode.window.showWarningMessage(vscode.l10n.t('The bot tests stopped: {0}', result.error));
          break;
        }
      }
      return reported;
    } finally {
      cancel.dispose();
      run.end();
    }
  };
}
