// Drives the real workbench as a person would: code-server with the packaged .vsix installed, a fresh profile,
// the fake Poe server, and headless Chromium. Every wait is on something appearing, never a fixed sleep.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { FakePoe } from '../fake-poe/server';

// The harness is plain ESM shared with the sandbox; loaded at run time.
interface Harness {
  ROOT: string;
  RESULTS: string;
  makeRunDir(prefix: string): string;
  installVsix(runDir: string, vsix: string): Promise<void>;
  startCodeServer(o: {
    runDir: string;
    env?: Record<string, string>;
    userSettings?: Record<string, unknown>;
  }): Promise<{ url: string; logFile: string; stop(): Promise<void> }>;
  launchBrowser(runDir: string): Promise<Browser>;
}
const harness = (): Promise<Harness> =>
  import(path.resolve(__dirname, '../../../scripts/editor/codeServer.mjs')) as Promise<Harness>;

export const SHOTS = path.resolve(__dirname, '../../../test-results/ui');

export function vsixPath(): string {
  const root = path.resolve(__dirname, '../../..');
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return path.join(root, `poe-bots-${version}.vsix`);
}

export interface StartOptions {
  seed?: string;
  env?: Record<string, string>;
  files?: Record<string, string>;
  settings?: Record<string, unknown>;
  /** With workspace trust on: the button to press in the startup trust dialog. */
  trustPrompt?: string;
}

/** What a person does on a workbench page: open views and files, run commands, answer inputs and dialogs, read
 * toasts and webviews. Shared by the scenarios started here and by the sandbox test, which drives the sandbox's own. */
export class WorkbenchPage {
  constructor(readonly page: Page) {}

  activityIcon(): Locator {
    return this.page.locator('.part.activitybar [aria-label^="Poe Bots"]').first();
  }

  async openBotsView(): Promise<void> {
    const sidebarTitle = this.page.locator('.part.sidebar .composite.title', { hasText: 'POE BOTS' });
    if (!(await sidebarTitle.isVisible())) await this.activityIcon().click();
    await sidebarTitle.waitFor();
  }

  /** Rows of the Bots tree, once at least `count` are shown. */
  async treeRows(count = 1): Promise<string[]> {
    const rows = this.page.locator('.part.sidebar .monaco-list-row');
    await rows.nth(count - 1).waitFor({ timeout: 30_000 });
    return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  async row(text: string): Promise<Locator> {
    const row = this.page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
    await row.waitFor({ timeout: 30_000 });
    return row;
  }

  welcomeButton(label: string): Locator {
    return this.page.locator('.part.sidebar .welcome-view-content .monaco-button', { hasText: label }).first();
  }

  async command(title: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** Types into the open input box and presses Enter; with `prompt`, first waits for the box that says it (one box
   * follows another in the same widget, so typing before the next one is shown would be lost). */
  async answerInput(text: string, prompt?: string | RegExp): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    if (prompt) await widget.filter({ hasText: prompt }).waitFor({ state: 'visible' });
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
    await this.page.keyboard.press('Enter');
  }

  async toast(text: string | RegExp): Promise<string> {
    const toast = this.page.locator('.notifications-toasts .notification-list-item-message', { hasText: text }).first();
    await toast.waitFor({ timeout: 30_000 });
    return (await toast.innerText()).trim();
  }

  async dialog(text: string | RegExp): Promise<Locator> {
    const box = this.page.locator('.monaco-dialog-box', { hasText: text });
    await box.waitFor({ timeout: 30_000 });
    return box;
  }

  async clickDialogButton(box: Locator, label: string): Promise<void> {
    await box.locator('.dialog-buttons .monaco-button', { hasText: label }).first().click();
    await box.waitFor({ state: 'detached' });
  }

  /** Opens a workspace file through quick open. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill(name);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.editor-group-container .tab.active', { hasText: name }).waitFor();
  }

  /** The frame of the webview whose content `probe` finds (webviews sit two iframes deep in the workbench). */
  async webview(probe: (frame: Frame) => Locator, timeoutMs = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of this.page.frames()) {
        if (
          await probe(frame)
            .count()
            .catch(() => 0)
        )
          return frame;
      }
      if (Date.now() > deadline) throw new Error('no webview showed what was looked for');
      await this.page.waitForTimeout(100);
    }
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(SHOTS, { recursive: true });
    const file = path.join(SHOTS, `${name}.png`);
    // Notifications slide in: wait for any animation to settle on the element itself, not for a fixed time.
    await this.page
      .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, {
        timeout: 5000,
      })
      .catch(() => undefined);
    await this.page.screenshot({ path: file });
    return file;
  }
}

/** A fresh editor for one scenario: its own profile, workspace, fake Poe and browser. */
export class Workbench extends WorkbenchPage {
  private constructor(
    page: Page,
    readonly fake: FakePoe,
    readonly workspace: string,
    private readonly browser: Browser,
    private readonly server: { logFile: string; stop(): Promise<void> },
    private readonly runDir: string,
  ) {
    super(page);
  }

  static async start(name: string, o: StartOptions = {}): Promise<Workbench> {
    const h = await harness();
    const runDir = h.makeRunDir(`ui-${name}`);
    const workspace = path.join(runDir, 'workspace');
    fs.mkdirSync(workspace, { recursive: true });
    for (const [file, text] of Object.entries(o.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
      fs.writeFileSync(path.join(workspace, file), text);
    }
    await h.installVsix(runDir, vsixPath());
    const fake = await FakePoe.start({ seed: o.seed ?? 'demo' });
    const server = await h.startCodeServer({
      runDir,
      env: o.env ?? {},
      userSettings: { 'poeBots.apiBaseUrl': fake.url, 'workbench.colorTheme': 'Default Dark Modern', ...o.settings },
    });
    const browser = await h.launchBrowser(runDir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 90_000 });
    if (o.trustPrompt) {
      const box = page.locator('.monaco-dialog-box', { hasText: /trust the authors/i });
      await box.waitFor({ timeout: 60_000 });
      await box.locator('.monaco-button', { hasText: o.trustPrompt }).first().click();
      await box.waitFor({ state: 'detached' });
    }
    const wb = new Workbench(page, fake, workspace, browser, server, runDir);
    await wb.activityIcon().waitFor({ timeout: 60_000 });
    return wb;
  }

  /** Stops everything; on failure keeps a screenshot and the code-server log under test-results/ui/. */
  async stop(failedTest?: string): Promise<void> {
    if (failedTest) {
      const safe = failedTest.replace(/\W+/g, '-').slice(0, 80);
      fs.mkdirSync(SHOTS, { recursive: true });
      await this.page.screenshot({ path: path.join(SHOTS, `FAILED-${safe}.png`) }).catch(() => undefined);
      fs.copyFileSync(this.server.logFile, path.join(SHOTS, `FAILED-${safe}.code-server.log`));
    }
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
    await this.fake.stop();
    fs.rmSync(this.runDir, { recursive: true, force: true });
  }
}

/** Types a message into a Try Bot panel and sends it with Enter, as a person would. */
export async function sendInPanel(panel: Frame, text: string): Promise<void> {
  const box = panel.locator('vscode-textarea textarea');
  await box.click();
  await box.fill(text);
  await box.press('Enter');
}
