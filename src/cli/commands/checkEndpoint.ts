// poe-bots check-endpoint <file>: the editor's Check Endpoint from a terminal, each row a line; exit 1 when a row fails.

import { isObj } from '../../botfile/json';
import { parseBotFile } from '../../botfile/parse';
import { parseKeyReference, referenceText, resolveKey } from '../../botfile/secrets';
import type { ApiBotSettings } from '../../poe';
import { CliError, findBotFiles, keySources, readFile } from '../env';
import type { Out } from '../output';

export async function checkEndpointCommand(file: string | undefined, out: Out): Promise<number> {
  if (!file) throw new CliError('Name the bot file to check: poe-bots check-endpoint <file>.');
  const [f] = findBotFiles([file]);
  const value = parseBotFile(await readFile(f!) ?? '').value;
  const bot = isObj(value) ? value : {};
  const settings = (isObj(bot.api_bot_settings) ? bot.api_bot_settings : {}) as ApiBotSettings;
  if (typeof bot.handle !== 'string' || !settings.base_url || !settings.model_name) throw new CliError(`${f!.label} needs a handle, base_url and model_name to be checked.`);
  if (typeof settings.api_key !== 'string') throw new CliError(`${f!.label} has no api_key reference (\${secret:NAME} or \${env:NAME}) to call the endpoint with.`);
  const ref = parseKeyReference(settings.api_key);
  const key = await resolveKey(settings.api_key, keySources());
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- dist/endpoint.js, read only by this command
  const { checkEndpoint } = require('../../endpoint') as typeof import('../../endpoint');
  const icon = { pass: out.color.green('✓'), warn: out.color.yellow('!'), fail: out.color.red('✗'), skip: out.color.dim('–') };
  const report = await checkEndpoint({ handle: bot.handle, settings, key, keyLabel: typeof ref === 'object' ? referenceText(ref) : 'api_key' }, {
    onRow: (r) => { out.line(`${icon[r.status]} ${out.color.bold(r.title)}: ${r.summary}`); if (r.fix) out.line(`    What to do: ${r.fix}`); },
  });
  out.line();
  out.line(report.summary);
  out.line(out.color.dim(report.assumption));
  out.result(report);
  return report.ok ? 0 : 1;
}
