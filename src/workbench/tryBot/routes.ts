// The two ways Try Bot reaches a bot: through Poe's OpenAI-compatible API (model = handle, the Poe key, points and
// balance after each reply), or straight to the creator's endpoint as Poe would call it (model_name, the file's key
// reference, parameter values as top-level fields, the cost at the file's prices). Both through src/endpoint's chat.

import * as vscode from 'vscode';
import { dollars, messageCost } from '../../botfile/prices';
import { keyLabel, resolveKey } from '../../botfile/secrets';
import { passKeyGate } from '../../sync/keyGate';
import { apiUrl, costAfterReply, parseBaseUrl, type ApiBotSettings, type Bot } from '../../poe';
import type { TextMessage, TryResult, TryRoute } from '../panels';
import { askingKeyGate, rulesOnlyKeyGate } from '../keyDestination';
import { keySources } from '../flowEnv';
import type { Services } from '../services';
import { loadEndpoint } from '../lazy';

export const POE_KEY_LABEL = '$POE_API_KEY';

export function poeRoute(s: Services, handle: string, label: string, unavailable?: string): TryRoute {
  // The same rule as the Bots API client: https, or http only on this machine (parseBaseUrl throws otherwise).
  const target = () => ({ baseUrl: apiUrl(parseBaseUrl(s.api.baseUrl()), '/v1'), keyLabel: POE_KEY_LABEL, who: 'Poe' });
  return {
    id: 'poe',
    label,
    available: !unavailable,
    reason: unavailable,
    paramsEditable: false,
    describe: (messages) => ({
      url: `${target().baseUrl}/chat/completions`,
      body: { model: handle, messages, stream: true, stream_options: { include_usage: true } },
    }),
    async send(messages, _params, onText, signal): Promise<TryResult> {
      const key = (await s.keys.poeKey())?.key;
      if (!key) throw new Error(vscode.l10n.t('Set your Poe API key first ("Poe: Set API Key").'));
      const since = Date.now() - 5_000;
      const dispatcher = await s.api.dispatcher();
      const r = await loadEndpoint().chat(
        { ...target(), key },
        { model: handle, messages, stream: true },
        { signal, onText, timeoutMs: 5 * 60_000, dispatcher },
      );
      const points = await costAfterReply(s.api.client(), handle, since, { signal });
      if (points.balance !== undefined) s.account.setBalance(points.balance);
      return { text: r.text, usage: r.usage, pointsCost: points.pointsCost, balance: points.balance };
    },
  };
}

/**
 * Straight to the endpoint. `askKey` is for a bot with no file (Poe never returns the key): the key is asked for
 * once, kept for this panel only.
 */
export function directRoute(
  s: Services,
  label: string,
  bot: () => Bot,
  keyText: () => string | undefined,
  askKey?: () => Promise<string>,
): TryRoute {
  const settings = (): ApiBotSettings => bot().api_bot_settings ?? {};
  const request = (messages: TextMessage[], params: Record<string, unknown>) => ({
    model: settings().model_name ?? '',
    messages,
    params,
    stream: true,
  });
  const unavailable = (): string | undefined => {
    const st = settings();
    if (!st.base_url || !st.model_name)
      return vscode.l10n.t('The bot needs base_url and model_name to be called directly.');
    if (!vscode.workspace.isTrusted)
      return vscode.l10n.t('Calling your endpoint reads its key: trust this workspace first.');
    return undefined;
  };
  const reason = unavailable();
  return {
    id: 'direct',
    label,
    available: !reason,
    reason,
    paramsEditable: true,
    describe: (messages, params) => {
      const st = settings();
      const built = loadEndpoint().buildRequest(
        { baseUrl: st.base_url ?? '', key: '', keyLabel: '', apiType: st.api_type },
        request(messages, params),
      );
      return { url: built.url, body: built.body };
    },
    async send(messages, params, onText, signal): Promise<TryResult> {
      const st = settings();
      const ref = keyText();
      const poeKey = async () => (await s.keys.poeKey())?.key;
      let key: string;
      let reference: string;
      if (ref !== undefined) {
        reference = keyLabel(ref);
        key = await resolveKey(ref, keySources(s));
        await passKeyGate(
          askingKeyGate(s.context.workspaceState, poeKey, vscode.l10n.t('Try Bot')),
          { handle: bot().handle, reference, key, url: st.base_url, purpose: 'tryBot' },
          vscode.l10n.t,
        );
      } else if (askKey) {
        reference = vscode.l10n.t('the key you typed');
        key = await askKey();
        await passKeyGate(
          rulesOnlyKeyGate(poeKey),
          { handle: bot().handle, reference, key, url: st.base_url, purpose: 'tryBot' },
          vscode.l10n.t,
        );
      } else {
        throw new Error(vscode.l10n.t('The bot file has no api_key to call the endpoint with.'));
      }
      const r = await loadEndpoint().chat(
        { baseUrl: st.base_url!, key, keyLabel: reference, apiType: st.api_type, who: vscode.l10n.t('Your endpoint') },
        request(messages, params),
        { signal, onText, timeoutMs: 5 * 60_000 },
      );
      const cost = r.usage && messageCost(st.pricing, r.usage);
      return {
        text: r.text,
        usage: r.usage,
        costText: cost === undefined ? undefined : vscode.l10n.t("{0} at the file's prices", dollars(cost)),
      };
    },
  };
}
