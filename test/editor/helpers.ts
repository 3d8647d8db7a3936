// Shared by the in-editor suites: the extension's test seam, the fake Poe server's control routes, and waiting on
// conditions (never on fixed sleeps).
import * as vscode from 'vscode';
import type { PoeBotsExtensionApi } from '../../src/extension';
import type { Ui } from '../../src/workbench/ui';
import type { FakeModes, LoggedRequest } from '../fake-poe/server';
import type { Bot } from '../../src/poe/types';

export const FAKE = process.env.POE_FAKE_URL!;
export const DEMO_KEY = process.env.POE_API_KEY!;

export async function extension(): Promise<PoeBotsExtensionApi> {
  const ext = vscode.extensions.getExtension<PoeBotsExtensionApi>('poe-bots.poe-bots');
  if (!ext) throw new Error('extension poe-bots.poe-bots is not installed');
  const api = await ext.activate();
  if (!api) throw new Error('the extension exposes its test seam only when run in development or test mode');
  return api;
}

export async function fake<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(`${FAKE}/__fake/${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  return (await r.json()) as T;
}

export const fakeLog = () => fake<LoggedRequest[]>('GET', 'log');
export const resetFake = async (seed = 'demo', modes: Partial<FakeModes> = {}) => {
  await fake('POST', 'reset', { seed, modes });
};
export const peek = (handle: string) =>
  fake<{ bot: Bot; hasApiKey: boolean; apiKey?: string }>('GET', `bots/${encodeURIComponent(handle)}`);

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Answers the extension's questions in order, then restores the real dialogs. */
export function answer(
  ui: Ui,
  answers: {
    confirm?: (string | undefined)[];
    input?: (string | undefined)[];
    pick?: (string | undefined)[];
    folder?: vscode.Uri[];
  },
) {
  const original = { ...ui };
  const asked: string[] = [];
  const opened: string[] = [];
  ui.openExternal = async (uri) => {
    opened.push(uri.toString());
    return true;
  };
  ui.confirm = async (message, detail) => {
    asked.push(`${message}\n${detail}`);
    if (!answers.confirm?.length) throw new Error(`unexpected confirm: ${message}`);
    return answers.confirm.shift();
  };
  ui.input = async (o) => {
    asked.push(String(o.title ?? o.prompt));
    if (!answers.input?.length) throw new Error(`unexpected input: ${o.title}`);
    return answers.input.shift();
  };
  ui.pickFolder = async (o) => {
    asked.push(o.title);
    if (!answers.folder?.length) throw new Error(`unexpected folder question: ${o.title}`);
    return answers.folder.shift();
  };
  ui.pick = async (items) => {
    const label = answers.pick?.shift();
    return items.find((i) => i.label === label);
  };
  return { asked, opened, restore: () => Object.assign(ui, original) };
}

export function workspaceUri(...parts: string[]): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, ...parts);
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Forgets what the extension remembered of past pulls and pushes (baselines), as for a fresh checkout. */
export async function clearBaselines(x: PoeBotsExtensionApi): Promise<void> {
  const state = x.testing.services.context.workspaceState;
  for (const k of state.keys()) if (k.startsWith('poeBots.baseline:')) await state.update(k, undefined);
}
