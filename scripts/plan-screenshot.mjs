// Renders a `poe-bots plan --format markdown` (the 1-bot golden file) as a pull-request comment would show it, in
// Chromium, for docs/ci.md: node scripts/plan-screenshot.mjs [out.png]. markdown-it with HTML on stands in for
// GitHub's renderer (tables, <details>, fenced code); the stylesheet is a plain approximation of a comment.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const MarkdownIt = require('markdown-it');
const { chromium } = require('playwright-core');

const out = process.argv[2] ?? path.join(root, 'docs/images/plan-comment.png');
const md = fs.readFileSync(path.join(root, 'test/fixtures/plan-markdown/1-bot.md'), 'utf8');
const body = new MarkdownIt({ html: true }).render(md).replace('<details>', '<details open>');
const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { font: 14px -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; margin: 0; padding: 16px; background: #fff; }
.comment { border: 1px solid #d1d9e0; border-radius: 6px; max-width: 980px; }
.head { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; color: #59636e; border-radius: 6px 6px 0 0; }
.body { padding: 0 16px 8px; }
table { border-collapse: collapse; } th, td { border: 1px solid #d1d9e0; padding: 6px 13px; } th { background: #f6f8fa; }
pre { background: #f6f8fa; padding: 12px; border-radius: 6px; overflow: auto; font-size: 12px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; } details { margin: 8px 0; }
</style></head><body><div class="comment"><div class="head"><b>github-actions</b> commented</div><div class="body">${body}</div></div></body></html>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1040, height: 600 } });
  await page.setContent(html);
  await page.locator('.comment').screenshot({ path: out });
  console.log(out);
} finally {
  await browser.close();
}
