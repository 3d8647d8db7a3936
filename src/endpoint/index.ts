// The endpoint room's public face: the workbench and the CLI import src/endpoint only from here (in dist/ it is a
// file of its own, endpoint.js, read on first use).
export { chat, type ChatOptions, type ChatResult, type Usage } from './chat';
export type { ToolCall } from './toolCalls';
export { EndpointError, type EndpointErrorKind } from './errors';
export {
  buildRequest,
  curlCommand,
  endpointUrl,
  type BuiltRequest,
  type ChatMessage,
  type ChatRequest,
  type ChatTarget,
  type ContentPart,
} from './request';
export { checkEndpoint, type CheckInput, type CheckOptions } from './check';
export { ASSUMPTION, type CheckReport, type CheckRow, type RowId, type RowStatus } from './report';
export { tryEndpointKey, type KeyTrialResult } from './tryKey';
