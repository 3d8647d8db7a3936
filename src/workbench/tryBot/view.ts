// What the webview is told to show, built from what the panel holds: the routes, the controls for the current
// values, the conversation, and the next request exactly as it would be sent (keys masked).

import { hiddenIds, renderModel } from '../../botfile/controlValues';
import { balanceLine, labels, readOnlyNote, routeNotice, switchTo } from './labels';
import type { ViewState } from './protocol';
import { requestView, type PanelModel } from './request';

export function viewState(m: PanelModel): ViewState {
  const route = m.route;
  const editable = route?.paramsEditable ?? false;
  const alternative = route && !route.available ? m.routes.find((r) => r.available && r.id !== route.id) : undefined;
  const state: ViewState = {
    handle: m.handle,
    labels: labels(m.handle),
    routes: m.routes.map((r) => ({
      id: r.id,
      label: r.label,
      available: r.available,
      reason: r.reason,
      paramsEditable: r.paramsEditable,
    })),
    route: route?.id ?? 'poe',
    controls: { sections: renderModel(m.bot), values: m.values, hidden: hiddenIds(m.bot, m.values), editable },
    turns: m.conversation.turns,
    busy: m.busy,
    request: requestView(m),
  };
  if (!editable && state.controls.sections.length) state.controls.note = readOnlyNote();
  if (route && !route.available) state.notice = route.reason;
  // The route the panel did not start on says why at once (a private bot opens on the direct route, with the
  // sentence that says why Poe cannot carry it), not only when the creator clicks it.
  const unavailable = route?.available ? m.routes.find((r) => !r.available && r.reason) : undefined;
  if (unavailable) state.notice = routeNotice(unavailable.label, unavailable.reason!);
  if (alternative) state.alternative = { route: alternative.id, label: switchTo(alternative.label) };
  if (m.balance !== undefined) state.account = balanceLine(m.balance);
  return state;
}
