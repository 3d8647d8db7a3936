// Keys never reach the log (at trace level), a workspace file or workspace state. One test plants its own keys
// (a wrong and a right Poe key, an endpoint key pushed with create and replace, a key Poe echoes in a refusal) and
// scans every place; another shows the scan finds a key that is there, so it cannot pass by finding nothing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { CheckReport } from '../../src/endpoint';
import type { PoeBotsExtensionApi } from '../../src/extension';
import { FakeEndpoint } from '../fake-endpoint/server';
import { answer, DEMO_KEY, extension, fake, resetFake, waitFor, workspaceUri, writeText } from './helpers';

function files(dir: string, match: RegExp = /./): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p, match) : match.test(e.name) ? [p] : [];
  });
}

/** Every place a key must never be, with its text: the extension's log files, the workspace's files, its state. */
async function places(x: PoeBotsExtensionApi): Promise<Map<string, string>> {
  const s = x.testing.services;
  const marker = `scan-marker-${Date.now()}-${Math.random()}`;
  s.log.info(marker);
  const logDir = path.dirname(s.context.logUri.fsPath);
  const log = await waitFor('the log to reach its file', () => {
    const all = files(logDir, /Poe Bots\.log$/)
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    return all.includes(marker) ? all : undefined;
  });
  const out = new Map<string, string>([['the log', log]]);
  const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  for (const f of files(root)) out.set(path.relative(root, f), fs.readFileSync(f, 'utf8'));
  const state = s.context.workspaceState;
  out.set('workspace state', JSON.stringify(state.keys().map((k) => [k, state.get(k)])));
  return out;
}

function leaks(where: Map<string, string>, secrets: string[]): string[] {
  return [...where].flatMap(([place, text]) =>
    secrets.filter((k) => text.includes(k)).map((k) => `${place} holds ${k.slice(0, 10)}…`),
  );
}

describe('Keys stay secret', () => {
  let x: PoeBotsExtensionApi;
  const endpointKey = `sk-endpoint-never-logged-${Date.now()}`;
  const wrongKey = `poe-wrong-key-never-logged-${Date.now()}`;
  before(async () => {
    x = await extension();
  });
  beforeEach(async () => {
    await resetFake();
    process.env.POE_API_KEY = DEMO_KEY;
  });
  after(async () => {
    await x.testing.services.keys.clearPoeKey();
  });

  it('after every step that handles a key, no key is in the log (at trace), a workspace file or workspace state', async function () {
    this.timeout(60_000);
    const s = x.testing.services;
    await vscode.commands.executeCommand('poeBots.setApiKey', wrongKey);
    await vscode.commands.executeCommand('poeBots.setApiKey', DEMO_KEY);
    await s.keys.storeEndpointSecret('SECRET_TEST', endpointKey);
    const uri = workspaceUri('Secretive.poebot.json');
    await writeText(
      uri,
      JSON.stringify({
        handle: 'Secretive',
        api_bot_settings: { model_name: 'm', base_url: 'https://e.example/v1', api_key: '${secret:SECRET_TEST}' },
      }),
    );
    const a = answer(x.testing.ui, { confirm: ['Push', 'Push', 'Push'] });
    try {
      await vscode.commands.executeCommand('poeBots.create', uri);
      await vscode.commands.executeCommand('poeBots.replace', uri);
      // Poe echoing the endpoint key in a refusal: the message is redacted where the error is made.
      await fake('POST', 'faults', {
        method: 'PUT',
        fault: {
          status: 400,
          body: JSON.stringify({ error: { message: `api_key ${endpointKey} is not valid for this base_url` } }),
        },
      });
      await vscode.commands.executeCommand('poeBots.replace', uri);
    } finally {
      a.restore();
    }
    const problems = vscode.languages
      .getDiagnostics(uri)
      .map((d) => d.message)
      .join('\n');
    assert.match(problems, /Poe refused the push: api_key «redacted» is not valid/);
    const where = await places(x);
    assert.match(
      where.get('the log')!,
      /\[trace\] POST \/bots request body: .*Secretive/,
      'request bodies are logged at trace',
    );
    assert.match(where.get('the log')!, /PUT \/bots\/Secretive request body: .*"api_key":"«redacted»"/);
    assert.ok(where.get('workspace state')!.includes('poeBots.baseline:'), 'baselines were recorded');
    assert.deepEqual(leaks(where, [DEMO_KEY, wrongKey, endpointKey, 'sk-demo-endpoint']), []);
    assert.ok(!problems.includes(endpointKey));
    await vscode.workspace.fs.delete(uri);
  });

  it("an endpoint that echoes the key it got: not in Check Endpoint's report, Try Bot's reply or its pieces, the log or state", async function () {
    this.timeout(60_000);
    const s = x.testing.services;
    const echoed = `sk-echoed-by-the-endpoint-${Date.now()}`;
    const endpoint = await FakeEndpoint.start({ mode: 'echoKey', key: echoed });
    const uri = workspaceUri('Echoing.poebot.json');
    try {
      await s.keys.storeEndpointSecret('ECHOING', echoed);
      await writeText(
        uri,
        JSON.stringify({
          handle: 'Echoing',
          api_bot_settings: { model_name: 'my-model', base_url: endpoint.url, api_key: '${secret:ECHOING}' },
        }),
      );
      const a = answer(x.testing.ui, { confirm: [`Send the Key to ${new URL(endpoint.url).host}`] });
      let report: CheckReport | undefined;
      let reply: string;
      const pieces: string[] = [];
      try {
        report = await vscode.commands.executeCommand<CheckReport | undefined>('poeBots.checkEndpoint', uri);
        const source = (await x.testing.tryBotSource(uri))!;
        const direct = source.routes().find((r) => r.id === 'direct')!;
        reply = (
          await direct.send([{ role: 'user', content: 'hi' }], {}, (d) => pieces.push(d), new AbortController().signal)
        ).text;
        source.dispose?.();
      } finally {
        a.restore();
      }
      assert.equal(report!.rows.find((r) => r.id === 'keyModel')!.status, 'pass');
      assert.ok(
        endpoint.log.some((c) => c.authorized),
        'the endpoint did get the key (and echoed it)',
      );
      assert.match(reply, /Your key is «redacted» ok\./);
      assert.equal(pieces.join(''), reply, 'the pieces shown as they came are the redacted reply');
      const where = await places(x);
      where.set('the report', JSON.stringify(report));
      where.set('the reply', reply + pieces.join(''));
      assert.deepEqual(leaks(where, [echoed]), []);
    } finally {
      await endpoint.stop();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('the scan finds a key that is there (so an empty result means something)', async () => {
    const s = x.testing.services;
    const planted = `sk-planted-on-purpose-${Date.now()}`;
    await s.context.workspaceState.update('poeBots.test.planted', { oops: planted });
    try {
      assert.deepEqual(leaks(await places(x), [planted]), [`workspace state holds ${planted.slice(0, 10)}…`]);
    } finally {
      await s.context.workspaceState.update('poeBots.test.planted', undefined);
    }
  });
});
