// The Check Endpoint page's only behaviour: its buttons become messages to the extension, which owns the report.
declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const vscode = acquireVsCodeApi();
document.addEventListener('click', (e) => {
  const button = (e.target as HTMLElement).closest('button');
  if (!button) return;
  if (button.id === 'again') vscode.postMessage({ type: 'runAgain' });
  else if (button.id === 'cancel') vscode.postMessage({ type: 'cancel' });
  else if (button.dataset.copy !== undefined) vscode.postMessage({ type: 'copy', index: Number(button.dataset.copy) });
});
