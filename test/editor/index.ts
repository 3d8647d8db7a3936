// Loaded by the extension host as extensionTestsPath: runs every out/test/editor/*.test.js with mocha.
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // POE_TEST_GREP runs only the tests whose titles match (for a quick look at one suite).
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 30_000,
    reporter: path.resolve(__dirname, '../../../test/support/reporter.cjs'),
    grep: process.env.POE_TEST_GREP || undefined,
  });
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} in-editor tests failed`)) : resolve()));
  });
}
