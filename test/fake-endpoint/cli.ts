// npm run fake-endpoint -- --port 8788 [--mode ok] [--tls]: the fake OpenAI-compatible endpoint on its own.
import { FakeEndpoint, MODES, type EndpointMode } from './server';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

async function main(): Promise<void> {
  const mode = (arg('mode') ?? 'ok') as EndpointMode;
  if (!MODES.includes(mode)) throw new Error(`unknown mode "${mode}" (${MODES.join(', ')})`);
  const fake = await FakeEndpoint.start({
    port: Number(arg('port') ?? '8788'),
    mode,
    tls: process.argv.includes('--tls'),
  });
  console.log(`Fake OpenAI-compatible endpoint at ${fake.url} (mode "${mode}")`);
  console.log(`Key: ${fake.key}`);
  console.log(
    `Try: curl ${fake.url}/chat/completions${process.argv.includes('--tls') ? ' --cacert test/fake-endpoint/tls/cert.pem' : ''} -H "Authorization: Bearer ${fake.key}" -H "Content-Type: application/json" -d '{"model":"my-model","messages":[{"role":"user","content":"hi"}]}'`,
  );
  const stop = () => {
    void fake.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
