// poe-bots list: the account's bots, one line each.

import { client } from '../env';
import type { Out } from '../output';

export async function list(version: string, out: Out): Promise<number> {
  const bots = await client(version).listBots();
  out.table([
    ['BOT', 'MODEL', 'API', 'VISIBILITY'],
    ...bots.map((b) => [
      b.handle,
      b.api_bot_settings?.model_name ?? '',
      b.api_bot_settings?.api_type ?? '',
      b.is_private ? 'private' : 'public',
    ]),
  ]);
  if (!bots.length) out.line('This account has no API bots yet.');
  out.result({
    bots: bots.map((b) => ({
      handle: b.handle,
      description: b.description,
      private: b.is_private,
      model: b.api_bot_settings?.model_name,
      apiType: b.api_bot_settings?.api_type,
      baseUrl: b.api_bot_settings?.base_url,
    })),
  });
  return 0;
}
