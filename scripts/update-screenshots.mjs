// Copies the screenshots the UI tests took (test-results/ui/) that the README shows into docs/images/.
// Run after `npm test`: node scripts/update-screenshots.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wanted = [
  'tree',
  'welcome',
  'diagnostics',
  'onboarding-1-welcome',
  'onboarding-4-bot-file',
  'onboarding-5-confirm',
  'onboarding-6-pushed',
  'push-confirmation',
  'sandbox',
  'endpoint-check',
  'bot-tests',
  'try-bot',
  'try-bot-direct',
  'address-waiting',
  'keys-redacted',
];
fs.mkdirSync(path.join(root, 'docs/images'), { recursive: true });
for (const name of wanted) {
  const from = path.join(root, 'test-results/ui', `${name}.png`);
  if (!fs.existsSync(from)) {
    console.error(`missing ${from}: run the UI tests first`);
    process.exitCode = 1;
    continue;
  }
  fs.copyFileSync(from, path.join(root, 'docs/images', `${name}.png`));
  console.log(`docs/images/${name}.png`);
}
