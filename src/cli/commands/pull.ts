// poe-bots pull [dir]: every bot of the account (or --only some) into <handle>.poebot.json files, through the
// editor's own pull flow: an existing file is edited in place, keeping its comments and key reference.

import fs from 'node:fs';
import path from 'node:path';
import { botFileName } from '../../botfile/names';
import { planPull, writePull } from '../../sync';
import { client, findBotFiles, handleOf, readFile } from '../env';
import type { Out } from '../output';

export async function pull(dir: string | undefined, o: { only: string[] }, version: string, out: Out): Promise<number> {
  const root = dir ?? '.';
  fs.mkdirSync(root, { recursive: true });
  const byHandle = new Map<string, string>();
  for (const f of findBotFiles([root])) { const h = await handleOf(f); if (h && !byHandle.has(h)) byHandle.set(h, f.id); }
  const label = (id: string) => path.relative(process.cwd(), id) || id;
  const env = {
    client: client(version),
    read: readFile,
    write: async (f: { id: string }, text: string) => { fs.mkdirSync(path.dirname(f.id), { recursive: true }); fs.writeFileSync(f.id, text); },
    fileFor: async (handle: string) => {
      const existing = byHandle.get(handle);
      const id = existing ?? path.resolve(root, botFileName(handle));
      return { file: { id, label: label(id) }, exists: existing !== undefined || fs.existsSync(id) };
    },
  };
  const planned = await planPull(env, o.only);
  await writePull(env, planned);
  const word = (c: string) => (c === 'new' ? out.color.green('written') : c === 'changed' ? out.color.yellow('edited in place') : out.color.dim('up to date'));
  out.table([['BOT', 'FILE', 'RESULT'], ...planned.map((p) => [p.handle, p.file.label, word(p.change)])]);
  const changed = planned.filter((p) => p.change !== 'same').length;
  out.line();
  out.line(`${planned.length} bot(s): ${changed} written, ${planned.length - changed} already up to date.`);
  out.result({ files: planned.map((p) => ({ handle: p.handle, file: p.file.label, outcome: p.change === 'new' ? 'created' : p.change === 'changed' ? 'updated' : 'unchanged' })) });
  return 0;
}
