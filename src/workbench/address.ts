// Where the Poe key may go. A repository is not the creator: poeBots.apiBaseUrl is taken from the default or the
// creator's user settings; a workspace or folder value is used only after the creator approved that exact address
// in a modal (remembered per workspace and address, forgotten by a command), and never in an untrusted workspace.

import * as vscode from 'vscode';
import { DEFAULT_BASE_URL, parseBaseUrl } from '../poe';
import { affects, apiBaseUrlValues } from './settings';
import { ui } from './ui';

export type AddressSource = 'default' | 'user' | 'workspace';

export interface Address {
  url: string;
  source: AddressSource;
  /** A workspace value that is not used, and why. */
  ignored?: { url: string; reason: 'notApproved' | 'untrusted' };
}

const APPROVED = 'poeBots.approvedApiBaseUrls';

/** One spelling per address, so "https://x/" and "https://x" are approved together. */
export function normalizeAddress(value: string): string {
  try {
    const u = new URL(value.trim());
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return value.trim();
  }
}

export class AddressPolicy implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** The address in use, or what is shown about it, may have changed. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly state: vscode.Memento) {
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, 'apiBaseUrl')) this.changed.fire();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      this.changed,
    ];
  }

  current(): Address {
    const { user, workspace } = apiBaseUrlValues();
    const chosen = user?.trim()
      ? { url: user.trim(), source: 'user' as const }
      : { url: DEFAULT_BASE_URL, source: 'default' as const };
    const asked = workspace?.trim();
    if (!asked || normalizeAddress(asked) === normalizeAddress(chosen.url)) return chosen;
    if (!vscode.workspace.isTrusted) return { ...chosen, ignored: { url: asked, reason: 'untrusted' } };
    if (this.approved().includes(normalizeAddress(asked))) return { url: asked, source: 'workspace' };
    return { ...chosen, ignored: { url: asked, reason: 'notApproved' } };
  }

  /** Asks the creator about the workspace's address, naming it; true when it is now approved. */
  async review(): Promise<boolean> {
    const address = this.current();
    if (!address.ignored) {
      void vscode.window.showInformationMessage(
        address.source === 'workspace'
          ? vscode.l10n.t(
              'This workspace\'s Poe API address {0} is approved. "Poe: Forget Approved API Addresses" takes that back.',
              address.url,
            )
          : vscode.l10n.t('Your Poe API key goes to {0}. This workspace asks for nothing else.', address.url),
      );
      return address.source === 'workspace';
    }
    if (address.ignored.reason === 'untrusted') {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'This workspace is not trusted, so its poeBots.apiBaseUrl ({0}) is never used.',
          address.ignored.url,
        ),
      );
      return false;
    }
    try {
      parseBaseUrl(address.ignored.url);
    } catch (e) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t("This workspace's poeBots.apiBaseUrl cannot be used: {0}", (e as Error).message),
      );
      return false;
    }
    const allow = vscode.l10n.t('Send My Key to {0}', hostOf(address.ignored.url));
    const pick = await ui.confirm(
      vscode.l10n.t('This workspace wants your Poe API key sent to {0}', address.ignored.url),
      vscode.l10n.t(
        'Its settings set poeBots.apiBaseUrl to {0}. Until you allow it, the extension keeps using {1}. Allow it only if you know this address: whoever runs it receives your Poe API key with every request.',
        address.ignored.url,
        address.url,
      ),
      allow,
    );
    if (pick !== allow) return false;
    await this.state.update(APPROVED, [...new Set([...this.approved(), normalizeAddress(address.ignored.url)])]);
    this.changed.fire();
    return true;
  }

  async forgetApprovals(): Promise<void> {
    await this.state.update(APPROVED, undefined);
    this.changed.fire();
  }

  /** A line for the top of the Bots view when the address is not Poe's, or a workspace value waits for approval. */
  describe(): string | undefined {
    const a = this.current();
    if (a.ignored?.reason === 'notApproved')
      return vscode.l10n.t(
        'This workspace asks to send your Poe key to {0}. It is not used unless you allow it (the shield row below). Using {1}.',
        a.ignored.url,
        a.url,
      );
    if (a.ignored?.reason === 'untrusted')
      return vscode.l10n.t(
        "Ignoring this untrusted workspace's poeBots.apiBaseUrl ({0}). Using {1}.",
        a.ignored.url,
        a.url,
      );
    if (normalizeAddress(a.url) === normalizeAddress(DEFAULT_BASE_URL)) return undefined;
    return a.source === 'workspace'
      ? vscode.l10n.t("Poe API: {0} (this workspace's setting, approved by you).", a.url)
      : vscode.l10n.t('Poe API: {0} (from your user settings).', a.url);
  }

  private approved(): string[] {
    return this.state.get<string[]>(APPROVED) ?? [];
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
