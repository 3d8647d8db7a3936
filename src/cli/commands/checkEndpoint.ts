// poe-bots check-endpoint <files or folders...>: the editor's Check Endpoint from a terminal, each row a line; exit 1
// when a row fails. The key passes the same gate as a push: its variable and its host allowed for this run.

import { endpointTarget, readBotFile } from '../../botfile/read';
import { keyLabel, resolveKey } from '../../botfile/secrets';
import { passKeyGate } from '../../sync/keyGate';
import { CliError, readFile, selectBotFiles } from '../env';
import { keyGate, keySources, type KeyPolicy } from '../keys';
import type { Out } from '../output';

export async function checkEndpointCommand(
  paths: string[],
  o: { policy: KeyPolicy; signal?: AbortSignal },
  out: Out,
): Promise<number> {
  if (!paths.length) throw new CliError('Name the bot files to check: poe-bots check-endpoint <file or folder>...');
  const files = await selectBotFiles(paths);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- dist/endpoint.js, read only by this command
  const { checkEndpoint } = require('../../endpoint') as typeof import('../../endpoint');
  const gate = keyGate(o.policy, process.env.POE_API_KEY?.trim());
  const icon = {
    pass: out.color.green('✓'),
    warn: out.color.yellow('!'),
    fail: out.color.red('✗'),
    skip: out.color.dim('–'),
  };
  const reports: unknown[] = [];
  let failed = 0;
  for (const f of files) {
    if (files.length > 1) {
      out.line();
      out.line(out.color.bold(f.label));
    }
    try {
      const target = endpointTarget(readBotFile((await readFile(f)) ?? ''));
      if ('missing' in target) throw new CliError(`${f.label} needs a handle, base_url and model_name to be checked.`);
      const { handle, settings, keyText } = target;
      if (keyText === undefined)
        throw new CliError(
          `${f.label} has no api_key reference (\${secret:NAME} or \${env:NAME}) to call the endpoint with.`,
        );
      const reference = keyLabel(keyText);
      const key = await resolveKey(keyText, keySources(o.policy));
      await passKeyGate(gate, { handle, reference, key, url: settings.base_url, purpose: 'checkEndpoint' });
      const report = await checkEndpoint(
        { handle, settings, key, keyLabel: reference },
        {
          signal: o.signal,
          onRow: (r) => {
            out.line(`${icon[r.status]} ${out.color.bold(r.title)}: ${r.summary}`);
            if (r.fix) out.line(`    What to do: ${r.fix}`);
          },
        },
      );
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
