// package.json keeps its promises: every command contributed is registered and the reverse, every command is in
// the "Poe" category, hidden commands stay out of the palette, every %string% is in package.nls.json, and the
// names other parts rely on are exactly as agreed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Command } from '../../src/workbench/commandIds';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const contributed: { command: string; title: string; category?: string }[] = pkg.contributes.commands;

describe('Manifest', () => {
  it('contributes exactly the commands the extension registers', () => {
    assert.deepEqual(contributed.map((c) => c.command).sort(), Object.values(Command).sort());
  });

  it('puts every command in the "Poe" category, with a title', () => {
    for (const c of contributed) {
      assert.equal(c.category, 'Poe', c.command);
      assert.ok(c.title, c.command);
    }
  });

  it('hides the quick-fix-only command from the palette and shows the rest', () => {
    const hidden = (pkg.contributes.menus.commandPalette as { command: string; when: string }[])
      .filter((m) => m.when === 'false')
      .map((m) => m.command);
    assert.deepEqual(hidden, ['poeBots.moveKeyToSecret']);
  });

  it('has every %placeholder% in package.nls.json, and no unused entry', () => {
    const text = JSON.stringify(pkg);
    const used = new Set([...text.matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]!));
    for (const key of used) assert.ok(nls[key], `package.nls.json lacks ${key}`);
    for (const key of Object.keys(nls)) assert.ok(used.has(key), `package.nls.json has unused ${key}`);
  });

  it('reads every contributed setting in settings.ts, and contributes every setting it reads', () => {
    const contributedSettings = Object.keys(pkg.contributes.configuration.properties)
      .map((k) => k.replace(/^poeBots\./, ''))
      .sort();
    const reader = fs.readFileSync(path.join(root, 'src/workbench/settings.ts'), 'utf8');
    const read = [...reader.matchAll(/settingValues<[^>]+>\('(\w+)'\)/g)].map((m) => m[1]!).sort();
    assert.deepEqual(read, contributedSettings);
  });

  it('keeps the agreed interfaces', () => {
    assert.equal(`${pkg.publisher}.${pkg.name}`, 'poe-bots.poe-bots');
    assert.equal(pkg.contributes.viewsContainers.activitybar[0].id, 'poeBots');
    assert.equal(pkg.contributes.views.poeBots[0].id, 'poeBots.bots');
    const base = pkg.contributes.configuration.properties['poeBots.apiBaseUrl'];
    assert.equal(base.default, 'https://api.poe.com');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['poeBots.apiBaseUrl']);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    const states = (pkg.contributes.viewsWelcome as { when: string }[])
      .map((v) => /poeBots\.state == (\w+)/.exec(v.when)?.[1])
      .filter(Boolean);
    assert.deepEqual(states, ['noKey', 'invalidKey', 'notEnabled', 'empty']);
  });

  it('activates only for bot and bot test files, its own schemes and a Try Bot panel to restore (views and commands activate by themselves)', () => {
    assert.deepEqual(pkg.activationEvents, [
      'workspaceContains:**/*.poebot.json',
      'workspaceContains:**/*.poebot-test.json',
      'onFileSystem:poebot-schema',
      'onFileSystem:poebot-remote',
      'onWebviewPanel:poeBots.tryBot',
    ]);
  });

  it('ships the icon and every file the manifest names', () => {
    const files = [
      pkg.icon,
      pkg.contributes.viewsContainers.activitybar[0].icon,
      pkg.contributes.jsonValidation[0].url,
      ...pkg.contributes.walkthroughs[0].steps.map((s: { media: { markdown: string } }) => s.media.markdown),
    ];
    for (const f of files) assert.ok(fs.existsSync(path.join(root, f)), f);
    const png = fs.readFileSync(path.join(root, pkg.icon));
    assert.equal(png.readUInt32BE(16), 128);
    assert.equal(png.readUInt32BE(20), 128);
  });

  it('asks for no VS Code newer than its types', () => {
    const types = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/@types/vscode/package.json'), 'utf8'))
      .version as string;
    const [tMajor, tMinor] = types.split('.').map(Number);
    const [eMajor, eMinor] = (pkg.engines.vscode as string).replace(/^\^/, '').split('.').map(Number);
    assert.ok(
      eMajor! > tMajor! || (eMajor === tMajor && eMinor! >= tMinor!),
      `engines ${pkg.engines.vscode} vs @types/vscode ${types}`,
    );
    assert.ok(eMinor! <= 139, 'code-server 4.139 (VS Code 1.139) must be able to run it');
  });
});
