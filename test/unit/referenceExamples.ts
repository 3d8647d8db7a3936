// The examples of the shared API reference (poe-bots-api.md), as bot files.
export const referenceExamples: Record<string, unknown> = {
  'A.3 bot object': {
    handle: 'MyCustomBot',
    description: 'A custom bot powered by a chat completions endpoint',
    is_private: true,
    api_bot_settings: {
      model_name: 'my-model',
      base_url: 'https://api.example.com/v1',
      api_type: 'chat_completions_api',
      input_modalities: ['text', 'image'],
      output_modalities: ['text'],
      supported_features: ['tools'],
      max_input_tokens: 128000,
      pricing: { prompt: '0.00003', completion: '0.00006' },
    },
  },
  // The POST example with its "string" placeholders filled in (a base_url of "string" is not an address).
  'A.4 full POST body': {
    handle: 'ExampleBot',
    description: 'An example',
    is_private: true,
    api_bot_settings: {
      model_name: 'model-id',
      base_url: 'https://api.example.com/v1',
      api_key: '${secret:ExampleBot}',
      api_type: 'chat_completions_api',
      input_modalities: ['text', 'image'],
      output_modalities: ['text'],
      supported_features: ['tools'],
      max_input_tokens: 128000,
      pricing: {
        prompt: '0.000005',
        completion: '0.000025',
        input_cache_reads: '0.0000025',
        context_pricing: {
          tiers: [{ min_tokens: 128000, prompt: '0.000010', completion: '0.000050', input_cache_reads: '0.0000050' }],
        },
      },
      param_definitions: [{ param_name: 'enable_thinking', param_dest: 'extra_body', default_value: true }],
    },
    parameter_controls: { api_version: '2', sections: [] },
  },
  'A.4 update through POST': {
    handle: 'ExampleBot',
    description: 'Updated',
    api_bot_settings: { pricing: { prompt: '0.000002', completion: '0.000008' } },
  },
  'A.6 context pricing': {
    handle: 'Tiered',
    api_bot_settings: {
      pricing: {
        prompt: '0.0000002',
        completion: '0.0000005',
        input_cache_reads: '0.00000005',
        context_pricing: {
          tiers: [
            { min_tokens: 64000, max_tokens: 128000, prompt: '0.0000004', completion: '0.000001' },
            { min_tokens: 128000, prompt: '0.0000008', completion: '0.000002' },
          ],
        },
      },
    },
  },
  'A.6 nine decimals': {
    handle: 'Cheap',
    api_bot_settings: { pricing: { prompt: '0.000000011', completion: '0.000000011' } },
  },
  'A.8 parameter controls (REST)': {
    handle: 'Thinker',
    api_bot_settings: {
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
              description: 'This will cause the model to think about the response before giving a final answer.',
              parameter_name: 'enable_thinking',
              default_value: true,
            },
          ],
        },
      ],
    },
  },
  'A.8 condition (PC)': {
    handle: 'Imager',
    api_bot_settings: {
      param_definitions: [
        { param_name: 'output_type', param_dest: 'extra_body' },
        { param_name: 'width', param_dest: 'extra_body' },
      ],
    },
    parameter_controls: {
      api_version: '2',
      sections: [
        {
          name: 'Output',
          tabs: [
            {
              name: 'Basic',
              controls: [
                {
                  control: 'drop_down',
                  label: 'Output type',
                  parameter_name: 'output_type',
                  default_value: 'text',
                  options: [
                    { value: 'text', name: 'Text' },
                    { value: 'image', name: 'Image' },
                  ],
                },
                { control: 'divider' },
                {
                  control: 'condition',
                  condition: {
                    comparator: 'equals',
                    left: { parameter_name: 'output_type' },
                    right: { literal: 'image' },
                  },
                  controls: [
                    {
                      control: 'slider',
                      label: 'Image Width',
                      parameter_name: 'width',
                      min_value: 256,
                      max_value: 1024,
                      step: 64,
                      default_value: 512,
                    },
                  ],
                },
                {
                  control: 'condition',
                  condition: { comparator: 'ne', left: { parameter_name: 'output_type' }, right: { literal: 'text' } },
                  controls: [
                    {
                      control: 'aspect_ratio',
                      label: 'Shape',
                      parameter_name: 'width',
                      options: [
                        { width: 16, height: 9 },
                        { width: 1, height: 1, value: 'square' },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  },
};
