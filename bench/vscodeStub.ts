// A stand-in for the 'vscode' module in plain Node: every property is a callable, constructible stub, so the
// extension's activate() and tree items run without an editor. Installed before anything requires 'vscode'.
import Module from 'node:module';

const target = function stub() {
  /* callable */
};
export const stub: unknown = new Proxy(target, {
  get: (_t, prop) =>
    prop === Symbol.toPrimitive ? () => '' : prop === 'then' ? undefined : prop === 'version' ? '1.139.0' : stub,
  apply: () => stub,
  construct: () => stub as object,
});

const NAMES = [
  'window',
  'workspace',
  'languages',
  'commands',
  'env',
  'l10n',
  'extensions',
  'EventEmitter',
  'TreeItem',
  'ThemeIcon',
  'MarkdownString',
  'Uri',
  'Range',
  'Position',
  'Selection',
  'Hover',
  'CompletionItem',
  'CompletionItemKind',
  'CodeLens',
  'CodeAction',
  'CodeActionKind',
  'Diagnostic',
  'DiagnosticSeverity',
  'TreeItemCollapsibleState',
  'ProgressLocation',
  'RelativePattern',
  'WorkspaceEdit',
  'CancellationError',
  'FileSystemError',
  'tests',
  'TestRunProfileKind',
  'TestMessage',
  'Location',
  'Disposable',
];
// The few value types the tree builds for every row are plain classes in VS Code too: cheap stand-ins, so the
// figures measure the extension's work and not the stub's proxy traps.
class TreeItem {
  constructor(
    public label: unknown,
    public collapsibleState?: number,
  ) {}
}
class ThemeIcon {
  constructor(public id: string) {}
}
const l10n = {
  t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)])),
};

/** What require('vscode') returns: a plain object (bundlers copy its own keys) whose every member is the stub. */
const vscodeModule: Record<string, unknown> = {
  ...Object.fromEntries(NAMES.map((n) => [n, stub])),
  TreeItem,
  ThemeIcon,
  l10n,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  version: '1.139.0',
};

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const mod = Module as unknown as { _load: Load };
const original = mod._load;
mod._load = function (request, parent, isMain) {
  return request === 'vscode' ? vscodeModule : original.call(this, request, parent, isMain);
};
