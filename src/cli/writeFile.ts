// A bot file written on disk all at once: the new text goes to a temporary file beside it, then replaces it by a
// rename, so a crash or a full disk leaves the old file or the new one, never half of each.

import fs from 'node:fs';
import path from 'node:path';
import { nodeCrypto } from '../poe/nodeCrypto';

export function writeFileAtomic(file: string, text: string): void {
  // Through a symlink the creator made, to the file it names (a rename would replace the link itself).
  const target = fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() ? fs.realpathSync(file) : file;
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const mode = fs.statSync(target, { throwIfNoEntry: false })?.mode;
  const tmp = path.join(
    dir,
    `.${path.basename(target)}.${process.pid}.${nodeCrypto().randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const fd = fs.openSync(tmp, 'wx', mode ?? 0o644);
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
