// Bot tests in the Testing view: the controller finds a *.poebot-test.json, lists its cases and each run of a matrix
// case as children, and runs them against the fake endpoint after the key's destination was agreed: one passes, one
// fails with expected vs got; an edit of the file is discovered again. No key in any result.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PoeBotsExtensionApi } from '../../src/extension';
import { FakeEndpoint } from '../fake-endpoint/server';
import { answer, extension, waitFor, workspaceUri, writeText } from './helpers';

describe('Bot tests in the Testing view', () => {
  let x: PoeBotsExtensionApi;
  let endpoint: FakeEndpoint;
  const bot = () => workspaceUri('Tested.poebot.json');
  const tests = () => workspaceUri('Tested.poebot-test.json');
  const cases = (expected: string) => ({
    $schema: 'poebot-schema:/poebot-test.schema.json',
    bot: 'Tested.poebot.json',
    cases: [
      {
        name: 'greets',
        messages: [{ role: 'user', content: 'Bonjour' }],
        assert: [{ type: 'icontains', value: 'bonjour' }, { type: 'usage' }],
      },
      {
        name: 'fails on purpose',
        messages: [{ role: 'user', content: 'Hi' }],
        assert: [{ type: 'contains', value: expected }],
      },
      { name: 'every control', matrix: 'controls', messages: [{ role: 'user', content: 'Hi' }] },
    ],
  });
  before(async () => {
    x = await extension();
    endpoint = await FakeEndpoint.start();
    await x.testing.services.keys.storeEndpointSecret('TESTED', endpoint.key);
    await writeText(
      bot(),
      JSON.stringify(
        {
          handle: 'Tested',
          api_bot_settings: {
            base_url: endpoint.url,
            model_name: 'my-model',
            api_key: '${secret:TESTED}',
            param_definitions: [{ param_name: 'enable_thinking', param_dest: 'extra_body' }],
          },
          parameter_controls: {
            api_version: '2',
            sections: [
              {
                controls: [
                  { control: 'toggle_switch', label: 'Think', parameter_name: 'enable_thinking', default_value: false },
                ],
              },
            ],
          },
        },
        null,
        2,
      ),
    );
    await writeText(tests(), JSON.stringify(cases('Goodbye'), null, 2));
  });
  after(async () => {
    await endpoint.stop();
    await vscode.workspace.fs.delete(bot());
    await vscode.workspace.fs.delete(tests());
  });

  const item = (id: string) =>
    x.testing.botTests.tree.controller.items.get(tests().toString())?.children.get(`${tests().toString()}#${id}`);

  it('finds the file, its cases with their ranges, and the matrix runs named with their values', async () => {
    await x.testing.botTests.tree.discoverAll();
    const file = await waitFor('the test file in the Testing view', () =>
      x.testing.botTests.tree.controller.items.get(tests().toString()),
    );
    assert.equal(file.error, undefined);
    const names: string[] = [];
    file.children.forEach((c) => names.push(c.label));
    assert.deepEqual(names, ['greets', 'fails on purpose', 'every control']);
    assert.ok(item('0')!.range!.start.line > 0, 'a case sits at its line, for the gutter');
    const matrix: string[] = [];
    item('2')!.children.forEach((c) => matrix.push(c.label));
    assert.deepEqual(matrix, ['enable_thinking=true', 'enable_thinking=false']);
  });

  it('runs the file: asks where the key goes, then one case passes, one fails with expected vs got', async () => {
    const host = new URL(endpoint.url).host;
    const file = x.testing.botTests.tree.controller.items.get(tests().toString())!;
    const a = answer(x.testing.ui, { confirm: [`Send the Key to ${host}`] });
    let results;
    try {
      results = await x.testing.botTests.run(
        new vscode.TestRunRequest([file]),
        new vscode.CancellationTokenSource().token,
      );
    } finally {
      a.restore();
    }
    assert.equal(a.asked.length, 1, 'asked once for the run');
    assert.deepEqual(
      results.map((r) => `${r.name} ${r.status}`),
      [
        'greets passed',
        'fails on purpose failed',
        'every control [enable_thinking=true] passed',
        'every control [enable_thinking=false] passed',
      ],
    );
    const failed = results[1]!.outcomes[0]!;
    assert.equal(failed.expected, 'a reply containing "Goodbye"');
    assert.equal(failed.got, '"Hello from my-model. You said: Hi"');
    assert.ok(!JSON.stringify(results).includes(endpoint.key), 'no key in any result');
    assert.ok(
      endpoint.log.some((c) => (c.body as { enable_thinking?: boolean })?.enable_thinking === true),
      'the matrix sent the control value',
    );
  });

  it('runs one case alone, and sees the file edited', async () => {
    await writeText(tests(), JSON.stringify(cases('You said: Hi'), null, 2));
    await waitFor('the edit discovered', async () => {
      await x.testing.botTests.tree.refresh(tests());
      return item('1');
    });
    const results = await x.testing.botTests.run(
      new vscode.TestRunRequest([item('1')!]),
      new vscode.CancellationTokenSource().token,
    );
    assert.deepEqual(
      results.map((r) => `${r.name} ${r.status}`),
      ['fails on purpose passed'],
      'the agreement is remembered; only that case ran',
    );
  });

  it('a CodeLens above the file and each case runs it from the editor, through the same Run profile', async () => {
    await vscode.workspace.openTextDocument(tests()); // the lens command asks the open document's model
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', tests());
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.deepEqual(
      titles.filter((t) => t.includes('Run')),
      ['$(run-all) Run All Cases', '$(run) Run', '$(run) Run', '$(run) Run'],
    );
    const one = lenses.find((l) => l.command?.arguments?.[1] === `${tests().toString()}#0`)!;
    const before = endpoint.log.length;
    await vscode.commands.executeCommand(one.command!.command, ...one.command!.arguments!);
    assert.equal(
      endpoint.log.length,
      before + 1,
      "the lens ran that one case (one request), the key's destination already agreed",
    );
  });
});
