// npm run fake-poe -- --port 8787 --seed demo : the fake Poe Bots API on its own, for the sandbox or by hand.
import { FakePoe } from './server';
import { DEMO_KEY } from './seeds';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

async function main(): Promise<void> {
  const fake = await FakePoe.start({ port: Number(arg('port', '8787')), seed: arg('seed', 'demo') });
  console.log(`Fake Poe Bots API on ${fake.url} (seed "${arg('seed', 'demo')}")`);
  console.log(`Demo key: ${DEMO_KEY}`);
  console.log(`Try: curl -H "Authorization: Bearer ${DEMO_KEY}" ${fake.url}/bots`);
  const stop = () => {
    void fake.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
