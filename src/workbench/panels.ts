// The panels' public face. In dist/ this is panels.js, a file of its own read when a panel first opens or is restored:
// at activation import only ./load (and types from here).
export { TryBotPanel, webviewOptions, type OpenLink, type PanelLog } from './tryBot/panel';
export { TRY_BOT_VIEW_TYPE } from './tryBot/viewType';
export { privateBotReason, routeLabel } from './tryBot/labels';
export type { TextMessage, TryBotSource, TryResult, TryRoute } from './tryBot/route';
export type { RouteId } from './tryBot/protocol';
export { CheckEndpointPanel, CHECK_ENDPOINT_VIEW_TYPE, type CheckRun } from './checkEndpoint/panel';
