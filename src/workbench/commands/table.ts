// The command table: each id to its handler. registerCommands wraps every one in the same error handling.

import * as vscode from 'vscode';
import type { Services } from '../services';
import { clearApiKey, setApiKey } from '../apiKey/commands';
import { addAccount, removeAccount, switchAccount } from '../apiKey/accounts';
import { rotateEndpointKey } from '../apiKey/rotate';
import { copyHandle, deleteBot, openBot, openOnPoe } from '../tree/botActions';
import { moveKeyToSecret, setEndpointSecret } from '../editor/endpointSecrets';
import { newBotFile } from '../editor/newBotFile';
import { Command } from '../commandIds';
import { pullAll, pullBot } from '../pull/commands';
import { tryBot } from '../tryBot/command';
import { checkEndpoint } from '../checkEndpoint/command';
import { runBotTests } from '../botTests/lens';
import { saveConversationAsTest } from '../botTests/saveAsTest';
import { compare, pushCommand, pushFolder } from '../push/commands';
import type { CommandTable } from './register';

export function commandTable(s: Services): CommandTable {
  return {
    [Command.setApiKey]: (key?: unknown) => setApiKey(s, key),
    [Command.clearApiKey]: () => clearApiKey(s),
    [Command.addAccount]: (name?: unknown, key?: unknown) => addAccount(s, name, key),
    [Command.switchAccount]: (name?: unknown) => switchAccount(s, name),
    [Command.removeAccount]: (name?: unknown) => removeAccount(s, name),
    [Command.rotateEndpointKey]: (reference?: unknown, key?: unknown) => rotateEndpointKey(s, reference, key),
    [Command.refresh]: () => s.tree.reload(),
    [Command.openBot]: (arg?: unknown) => openBot(s, arg),
    [Command.pullBot]: (arg?: unknown) => pullBot(s, arg),
    [Command.pullAll]: (arg?: unknown) => pullAll(s, arg),
    [Command.openOnPoe]: (arg?: unknown) => openOnPoe(s, arg),
    [Command.copyHandle]: (arg?: unknown) => copyHandle(s, arg),
    [Command.deleteBot]: (arg?: unknown) => deleteBot(s, arg),
    [Command.showLog]: () => s.log.show(),
    [Command.newBotFile]: (handle?: unknown) => newBotFile(s, handle),
    [Command.setEndpointSecret]: (name?: unknown, value?: unknown) => setEndpointSecret(s, name, value),
    [Command.moveKeyToSecret]: (uri?: unknown) => moveKeyToSecret(s, uri),
    [Command.push]: pushCommand(s, 'auto') as (...a: unknown[]) => unknown,
    [Command.create]: pushCommand(s, 'create') as (...a: unknown[]) => unknown,
    [Command.update]: pushCommand(s, 'update') as (...a: unknown[]) => unknown,
    [Command.replace]: pushCommand(s, 'replace') as (...a: unknown[]) => unknown,
    [Command.compare]: (arg?: unknown) => compare(s, arg),
    [Command.pushFolder]: (arg?: unknown) => pushFolder(s, arg),
    [Command.tryBot]: (arg?: unknown) => tryBot(s, arg),
    [Command.checkEndpoint]: (arg?: unknown) => checkEndpoint(s, arg),
    [Command.saveConversationAsTest]: (arg?: unknown) => saveConversationAsTest(s, arg),
    [Command.runBotTests]: (arg?: unknown, id?: unknown) => runBotTests(s, arg, id),
    [Command.reviewApiBaseUrl]: () => s.api.address.review(),
    [Command.forgetApiBaseUrlApprovals]: async () => {
      await s.api.address.forgetApprovals();
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Forgot every approved Poe API address of this workspace.'),
      );
    },
  };
}
