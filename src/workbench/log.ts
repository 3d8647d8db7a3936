// The one "Poe Bots" log. Every line passes through redaction: the Poe key and every endpoint key this process has
// seen (the registry in src/poe/redact.ts) are masked, at every level, including trace.

import * as vscode from 'vscode';
import { redactKnown, rememberSecret, type RequestLog } from '../poe';

export class Log implements RequestLog {
  private readonly channel: vscode.LogOutputChannel;

  /** mirrorErrors: also print errors to the extension host's console (when developing or testing the extension). */
  constructor(private readonly mirrorErrors = false) {
    this.channel = vscode.window.createOutputChannel('Poe Bots', { log: true });
  }

  /** Keys to mask from now on, everywhere: in this log and in everything the extension shows (as soon as one is read or typed). */
  maskSecrets(...values: (string | undefined)[]): void {
    rememberSecret(...values);
  }

  /** The text with every key this extension has seen masked: for anything shown or logged. */
  clean(message: string): string {
    return redactKnown(message);
  }
  trace(message: string): void {
    this.channel.trace(this.clean(message));
  }
  debug(message: string): void {
    this.channel.debug(this.clean(message));
  }
  info(message: string): void {
    this.channel.info(this.clean(message));
  }
  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }
  error(message: string): void {
    this.channel.error(this.clean(message));
    if (this.mirrorErrors) console.error(`[poe-bots] ${this.clean(message)}`);
  }
  show(): void {
    this.channel.show(true);
  }
  dispose(): void {
    this.channel.dispose();
  }
}
