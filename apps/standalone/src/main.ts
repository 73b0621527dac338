import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import { closeOnSignals } from '@permanentie/platform';
/*
 * The single-machine launcher: the four services in one process. It only starts them; they still
 * talk to each other solely through Redis/BullMQ and their own schemas, exactly as when each
 * runs on its own (this file is the one place allowed to import several apps).
 */
import { startRoster } from '../../roster/src/main';
import { startTriage } from '../../triage/src/main';
import { startDispatch } from '../../dispatch/src/main';
import { startGateway } from '../../gateway/src/main';

async function main(): Promise<void> {
  const apps: INestApplication[] = [];
  closeOnSignals(apps);
  for (const start of [startRoster, startTriage, startDispatch, startGateway]) apps.push(await start());
  Logger.log(
    'Permanentie is up: console on http://localhost:' + (process.env.GATEWAY_PORT ?? '3000'),
    'Boot',
  );
}

main().catch((e: Error) => {
  console.error(`Permanentie failed to start: ${e.message}`);
  process.exit(1);
});
