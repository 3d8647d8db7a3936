// The README's first command: npm run sandbox starts an editor with the demo bots, and Ctrl-C stops it all.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { SHOTS } from './workbench';

const ROOT = path.resolve(__dirname, '../../..');

describe('UI: the sandbox', function () {
  this.timeout(300_000);
  let proc: ChildProcess | undefined;
  let browser: Browser | undefined;
  after(async () => { await browser?.close(); if (proc && proc.exitCode === null) proc.kill('SIGKILL'); });

  it('starts a real editor on the fake account with the demo bots, and stops on Ctrl-C', async () => {
    proc = spawn('node', ['scripts/sandbox.mjs', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      proc!.stdout!.on('data', (d: Buffer) => { out += d; const m = /Editor:\s+(\S+)/.exec(out); if (m) resolve(m[1]!); });
      proc!.once('exit', (code) => reject(new Error(`sandbox exited (${code}) before printing its address:\n${out}`)));
    });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await page.locator('.part.activitybar [aria-label^="Poe Bots"]').first().click({ timeout: 90_000 });
    await page.locator('.part.sidebar .monaco-list-row', { hasText: 'DraftBot' }).waitFor({ timeout: 60_000 });
    const rows = (await page.locator('.part.sidebar .monaco-list-row').allInnerTexts()).join('\n');
    assert.match(rows, /GlmHelper/);
    await page.screenshot({ path: path.join(SHOTS, 'sandbox.png') });
    await browser.close();
    browser = undefined;
    const exited = new Promise<number | null>((r) => proc!.once('exit', r));
    proc.kill('SIGINT');
    assert.equal(await exited, 0);
    await assert.rejects(fetch(url), 'the editor is gone');
  });
});
