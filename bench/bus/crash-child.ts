import { DataSource } from 'typeorm';
import { Outbox } from '@permanentie/bus';
import { BenchPing, startBench } from './harness';

/**
 * Child process for the kill-and-restart check and the bus benchmark: `publish` publishes (and
 * consumes) steadily until killed; `consume` only runs the relay and consumer.
 * Usage: crash-child.ts <databaseUrl> <prefix> <mode> [schema, default benchbus]
 */
async function main(): Promise<void> {
  const [url, prefix, mode, schema = 'benchbus'] = process.argv.slice(2);
  const app = await startBench(url, prefix, { consume: true, schema });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  console.log('ready');
  if (mode !== 'publish') return;
  const db = app.get(DataSource);
  const outbox = app.get(Outbox);
  for (let seq = 0; ; seq++) {
    await db.transaction((tx) => outbox.publish(tx, BenchPing, { seq, sentAt: Date.now() }));
    if (seq % 50 === 0) console.log(`committed ${seq + 1}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
