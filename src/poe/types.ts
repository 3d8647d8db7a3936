// The shapes of Poe's Bots REST API, as documented (see shared reference): what GET returns and writes accept.

export type ApiType = 'chat_completions_api' | 'responses_api';
export type InputModality = 'text' | 'image' | 'video';

export interface ContextTier {
  min_tokens: number;
  max_tokens?: number | null;
  prompt?: string;
  completion?: string;
  input_cache_reads?: string;
}

export interface Pricing {
  prompt?: string;
  completion?: string;
  input_cache_reads?: string;
  context_pricing?: { tiers: ContextTier[] };
}

export interface ParamDefinition {
  param_name: string;
  param_dest: 'extra_body';
  default_value?: unknown;
}

export interface ApiBotSettings {
  model_name?: string;
  base_url?: string;
  /** Write-only: accepted on writes, never returned. */
  api_key?: string;
  api_type?: ApiType;
  max_input_tokens?: number;
  context_size?: number;
  input_modalities?: InputModality[];
  output_modalities?: 'text'[];
  supported_features?: 'tools'[];
  param_definitions?: ParamDefinition[];
  pricing?: Pricing;
}

export interface ParameterControls {
  api_version: '2';
  sections: unknown[];
}

/** A bot as GET returns it. */
export interface Bot {
  handle: string;
  description: string;
  is_private: boolean;
  api_bot_settings?: ApiBotSettings;
  parameter_controls?: ParameterControls;
}

/** POST /bots body (an upsert keyed by handle). */
export interface BotCreate {
  handle: string;
  description?: string;
  is_private?: boolean;
  api_bot_settings?: ApiBotSettings;
  parameter_controls?: ParameterControls;
}

/** PUT and PATCH bodies: the handle is in the path. */
export type BotBody = Omit<BotCreate, 'handle'>;

export interface WriteResult {
  /** 201 from POST/PUT: a new bot; 200: an existing bot was changed. */
  created: boolean;
  status: number;
}
