// Accounts and bots the fake starts with. Keys are made-up test values, never real ones.
import type { Bot } from '../../src/poe/types';

export interface SeedAccount {
  name: string;
  key: string;
  apiBots: boolean;
  /** Starting point balance, for calling bots. */ points: number;
}
export interface SeedBot {
  owner: string;
  bot: Bot;
  apiKey?: string;
}
export interface Seed {
  accounts: SeedAccount[];
  bots: SeedBot[];
}

export const DEMO_KEY = 'poe-demo-key-0123456789abcdef';
export const OTHER_KEY = 'poe-other-key-fedcba9876543210';
export const NOT_ENABLED_KEY = 'poe-noapi-key-5555555555555555';

const accounts: SeedAccount[] = [
  { name: 'demo', key: DEMO_KEY, apiBots: true, points: 12_345 },
  { name: 'other', key: OTHER_KEY, apiBots: true, points: 3_000 },
  { name: 'noapi', key: NOT_ENABLED_KEY, apiBots: false, points: 0 },
];

const otherBot: SeedBot = {
  owner: 'other',
  bot: { handle: 'TakenBot', description: "Someone else's bot", is_private: false },
};

export function demoBots(): SeedBot[] {
  return [
    {
      owner: 'demo',
      apiKey: 'sk-demo-endpoint-1',
      bot: {
        handle: 'GlmHelper',
        description: 'A helpful assistant on GLM 4.6',
        is_private: false,
        api_bot_settings: {
          model_name: 'zai-org/glm-4.6',
          base_url: 'https://api.example.com/v1',
          api_type: 'chat_completions_api',
          input_modalities: ['text', 'image'],
          output_modalities: ['text'],
          supported_features: ['tools'],
          max_input_tokens: 128000,
          context_size: 131072,
          pricing: { prompt: '0.0000006', completion: '0.0000022' },
        },
      },
    },
    {
      owner: 'demo',
      apiKey: 'sk-demo-endpoint-2',
      bot: {
        handle: 'ThinkingTutor',
        description: 'Explains step by step, with optional thinking',
        is_private: true,
        api_bot_settings: {
          model_name: 'example-provider/model-1',
          base_url: 'https://llm.example.org/v1',
          api_type: 'responses_api',
          input_modalities: ['text'],
          output_modalities: ['text'],
          max_input_tokens: 64000,
          pricing: {
            prompt: '0.000002',
            completion: '0.000008',
            input_cache_reads: '0.0000005',
            context_pricing: { tiers: [{ min_tokens: 32000, prompt: '0.000004', completion: '0.000016' }] },
          },
          param_definitions: [{ param_name: 'enable_thinking', param_dest: 'extra_body', default_value: true }],
        },
        parameter_controls: {
          api_version: '2',
          sections: [
            {
              name: 'Advanced Settings',
              controls: [
                {
                  control: 'toggle_switch',
                  label: 'Enable Thinking',
                  parameter_name: 'enable_thinking',
                  default_value: true,
                },
              ],
            },
          ],
        },
      },
    },
    {
      owner: 'demo',
      bot: {
        handle: 'DraftBot',
        description: '',
        is_private: true,
        api_bot_settings: { model_name: 'my-model', base_url: 'https://api.example.com/v1' },
      },
    },
  ];
}

export function seed(name: string): Seed {
  const many = /^many:(\d+)$/.exec(name);
  if (many) {
    const n = Number(many[1]);
    const bots: SeedBot[] = Array.from({ length: n }, (_, i) => ({
      owner: 'demo',
      bot: {
        handle: `Bot${String(i).padStart(5, '0')}`,
        description: `Bot number ${i}`,
        is_private: i % 2 === 0,
        api_bot_settings: {
          model_name: 'm',
          base_url: 'https://api.example.com/v1',
          api_type: 'chat_completions_api',
          input_modalities: ['text'],
          output_modalities: ['text'],
          pricing: { prompt: '0.000001', completion: '0.000002' },
        },
      },
    }));
    return { accounts, bots: [otherBot, ...bots] };
  }
  if (name === 'empty') return { accounts, bots: [otherBot] };
  if (name === 'demo') return { accounts, bots: [otherBot, ...demoBots()] };
  throw new Error(`unknown seed "${name}" (demo, empty, many:N)`);
}
