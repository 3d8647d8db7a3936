// The poe-bots command line run as a process, as CI runs it: no terminal, a clean environment, every output kept so
// a suite can scan them all for keys at the end.
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';

export const CLI = path.resolve(__dirname, '../../../dist/cli.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(
  cwd: string,
  args: string[],
  env: Record<string, string | undefined>,
  outputs: string[],
): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, env: { PATH: process.env.PATH, NO_COLOR: '1', ...env } as NodeJS.ProcessEnv },
      (error, stdout, stderr) => {
        outputs.push(stdout, stderr);
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}

/** The same, with a handle on the process (to send it a signal once a condition holds). */
export function startCli(cwd: string, args: string[], env: Record<string, string | undefined>, outputs: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH, NO_COLOR: '1', ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c;
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c;
  });
  const done = new Promise<Run>((resolve) =>
    child.on('close', (code, signal) => {
      outputs.push(stdout, stderr);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    }),
  );
  return { child, done, stderr: () => stderr };
}
