// Placeholder wiring; the workbench arrives with the tree issue.
export function activate(): void {}
export function deactivate(): void {}
