// The one question the command line asks at a terminal: yes or no, on stderr (stdout may be a pipe or JSON). Node's
// readline is read when a question is asked, not when the command line starts.

export async function askYesNo(question: string): Promise<boolean> {
  const readline = await import('node:readline/promises');
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
