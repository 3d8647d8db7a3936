// Check Endpoint in the editor: on a bot file whose endpoint is the fake one (plain http on this machine), after
// the creator agrees to send the key there; the report's rows, and no key anywhere in it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CheckReport } from '../../src/endpoint';
import type { PoeBotsExtensionApi } from '../../src/extension';
import { FakeEndpoint } from '../fake-endpoint/server';
import { answer, extension, waitFor, workspaceUri, writeText } from './helpers';

describe('Check Endpoint', () => {
  let x: PoeBotsExtensionApi;
  let endpoint: FakeEndpoint;
  const uri = () => workspaceUri('Checked.poebot.json');
  before(async () => {
    x = await extension();
    endpoint = await FakeEndpoint.start({ contextLength: 131072 });
    await x.testing.services.keys.storeEndpointSecret('CHECKED', endpoint.key);
    await writeText(
      uri(),
      JSON.stringify(
        {
          handle: 'Checked',
          api_bot_settings: {
            base_url: endpoint.url,
            model_name: 'my-model',
            api_key: '${secret:CHECKED}',
            context_size: 131072,
            param_definitions: [{ param_name: 'temperature', param_dest: 'extra_body', default_value: 0.5 }],
            pricing: { prompt: '0.000001', completion: '0.000002' },
          },
          parameter_controls: {
            api_version: '2',
            sections: [
              {
                controls: [
                  {
                    control: 'slider',
                    label: 'T',
                    parameter_name: 'temperature',
                    min_value: 0,
                    max_value: 2,
                    step: 0.1,
                    default_value: 0.5,
                  },
                ],
              },
            ],
          },
        },
        null,
        2,
      ),
    );
  });
  afterEach(async () => {
    endpoint.setMode('ok');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(async () => {
    await endpoint.stop();
    await vscode.workspace.fs.delete(uri());
  });

  async function run(confirm: (string | undefined)[] = []): Promise<{ report?: CheckReport; asked: string[] }> {
    const a = answer(x.testing.ui, { confirm });
    try {
      return {
        report: await vscode.commands.executeCommand<CheckReport | undefined>('poeBots.checkEndpoint', uri()),
        asked: a.asked,
      };
    } finally {
      a.restore();
    }
  }

  it("asks before the key leaves for the file's address, then every row passes but the local-http warning", async () => {
    const host = new URL(endpoint.url).host;
    const declined = await run([undefined]);
    assert.equal(declined.report, undefined);
    assert.match(
      declined.asked[0]!,
      new RegExp(`Send the endpoint key from \\$\\{secret:CHECKED\\} to http://${host.replace(/\./g, '\\.')}\\?`),
    );
    assert.equal(endpoint.log.length, 0, 'nothing was sent before the creator agreed');

    const { report } = await run([`Send the Key to ${host}`]);
    assert.deepEqual(
      report!.rows.map((r) => `${r.id} ${r.status}`),
      [
        'address warn',
        'keyModel pass',
        'stream pass',
        'usage pass',
        'image skip',
        'tools skip',
        'params pass',
        'context pass',
      ],
    );
    assert.ok(!JSON.stringify(report).includes(endpoint.key));
    await waitFor('the report in the editor area', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Endpoint check: Checked'),
    );

    const again = await run([]);
    assert.equal(again.asked.length, 0, 'the agreement is remembered for this reference and address');
  });

  it('the Poe key is never an endpoint key: ${env:POE_API_KEY}, or a secret that holds it, is refused before any question', async () => {
    const poeKey = (await x.testing.services.keys.poeKey())!.key;
    const before = endpoint.log.length;
    await x.testing.services.keys.storeEndpointSecret('HOLDS_POE_KEY', poeKey);
    for (const [name, ref] of [
      ['EnvPoe', '${env:POE_API_KEY}'],
      ['SecretPoe', '${secret:HOLDS_POE_KEY}'],
    ] as const) {
      const file = workspaceUri(`${name}.poebot.json`);
      await writeText(
        file,
        JSON.stringify({
          handle: name,
          api_bot_settings: { base_url: endpoint.url, model_name: 'my-model', api_key: ref },
        }),
      );
      try {
        const a = answer(x.testing.ui, { confirm: [] });
        try {
          assert.equal(await vscode.commands.executeCommand('poeBots.checkEndpoint', file), undefined);
        } finally {
          a.restore();
        }
        assert.deepEqual(a.asked, [], `${ref}: refused before the address question`);
        const source = (await x.testing.tryBotSource(file))!;
        await assert.rejects(
          source
            .routes()
            .find((r) => r.id === 'direct')!
            .send([{ role: 'user', content: 'hi' }], {}, () => undefined, new AbortController().signal),
          /Poe API key/,
        );
        source.dispose?.();
      } finally {
        await vscode.workspace.fs.delete(file);
      }
    }
    assert.equal(endpoint.log.length, before, 'the endpoint never saw a request');
  });

  it('a rejected key fails the key row, naming the reference', async () => {
    endpoint.setMode('wrongKey');
    const { report } = await run([]);
    const keyRow = report!.rows.find((r) => r.id === 'keyModel')!;
    assert.equal(keyRow.status, 'fail');
    assert.match(keyRow.summary, /rejected the key from \$\{secret:CHECKED\}/);
    assert.equal(report!.ok, false);
  });
});
