// poe-bots check-endpoint <files or folders...>: the editor's Check Endpoint from a terminal, each row a line; exit 1
// when a row fails. The key passes the same gate as a push: its variable and its host allowed for this run.

import { isObj } from '../../botfile/json';
import { parseBotFile } from '../../botfile/parse';
import { keyLabel, resolveKey } from '../../botfile/secrets';
import type { ApiBotSettings } from '../../poe';
import { passKeyGate } from '../../sync/keyGate';
import { CliError, readFile, selectBotFiles } from '../env';
import { keyGate, keySources, type KeyPolicy } from '../keys';
import type { Out } from '../output';

export async function checkEndpointCommand(paths: string[], o: { policy: KeyPolicy; signal?: AbortSignal }, out: Out): Promise<number> {
  if (!paths.length) throw new CliError('Name the bot files to check: poe-bots check-endpoint <file or folder>...');
  const files = await selectBotFiles(paths);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- dist/endpoint.js, read only by this command
  const { checkEndpoint } = require('../../endpoint') as typeof import('../../endpoint');
  const gate = keyGate(o.policy, process.env.POE_API_KEY?.trim());
  const icon = { pass: out.color.green('✓'), warn: out.color.yellow('!'), fail: out.color.red('✗'), skip: out.color.dim('–') };
  const reports: unknown[] = [];
  let failed = 0;
  for (const f of files) {
    if (files.length > 1) { out.line(); out.line(out.color.bold(f.label)); }
    try {
      const value = parseBotFile(await readFile(f) ?? '').value;
      const bot = isObj(value) ? value : {};
      const settings = (isObj(bot.api_bot_settings) ? bot.api_bot_settings : {}) as ApiBotSettings;
      if (typeof bot.handle !== 'string' || !settings.base_url || !settings.model_name) throw new CliError(`${f.label} needs a handle, base_url and model_name to be checked.`);
      if (typeof settings.api_key !== 'string') throw new CliError(`${f.label} has no api_key reference (\${secret:NAME} or \${env:NAME}) to call the endpoint with.`);
      const reference = keyLabel(settings.api_key);
      const key = await resolveKey(settings.api_key, keySources(o.policy));
      await passKeyGate(gate, { handle: bot.handle, reference, key, url: settings.base_url, purpose: 'checkEndpoint' });
      const report = await checkEndpoint({ handle: bot.handle, settings, key, keyLabel: reference }, {
        signal: o.signal,
        onRow: (r) => { out.line(`${icon[r.status]} ${out.color.bold(r.title)}: ${r.summary}`); if (r.fix) out.line(`    What to do: ${r.fix}`); },
      });
      out.line();
      out.line(report.summary);
      out.line(out.color.dim(report.assumption));
      reports.push({ file: f.label, ...report });
      if (!report.ok) failed++;
    } catch (e) {
      if (files.length === 1) throw e;
      failed++;
      out.note(`${f.label}: ${(e as Error).message}`);
      reports.push({ file: f.label, error: (e as Error).message, ok: false });
    }
  }
  // One file: the report itself, as before; several: one report per file.
  out.result(files.length === 1 ? reports[0] : { reports });
  return failed ? 1 : 0;
}
