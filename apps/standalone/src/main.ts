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
import { DEMO_PASSWORD, describeDemo, seedDemo } from '../../../scripts/seed-demo';

async function main(): Promise<void> {
  // The demo's first admin, unless one is configured (the gateway creates it on an empty database).
  process.env.ADMIN_USERNAME ||= 'admin';
  process.env.ADMIN_PASSWORD ||= DEMO_PASSWORD;
  const apps: INestApplication[] = [];
  closeOnSignals(apps);
  for (const start of [startRoster, startTriage, startDispatch, startGateway]) apps.push(await start());
  const url = `http://localhost:${process.env.GATEWAY_PORT ?? '3000'}`;
  // Demo data through the services' own HTTP APIs, when the database has no demo kring yet;
  // later starts extend the demo rosters when they run out and add missing GP accounts.
  if (process.env.DEMO_SEED !== 'off') {
    Logger.log('demo data: loading on first start, extending rosters later…', 'Demo');
    const admin = { username: process.env.ADMIN_USERNAME, password: process.env.ADMIN_PASSWORD };
    const demo = await seedDemo({
      baseUrl: url,
      adminUsername: admin.username,
      adminPassword: admin.password,
      log: (line) => Logger.log(line, 'Demo'),
    });
    // Every start: the accounts, and which demo GPs are on duty now (the roster moves on).
    Logger.log(describeDemo(demo, admin).join('\n'), 'Demo');
  }
  Logger.log(`Permanentie is up: console on ${url}`, 'Boot');
}

main().catch((e: Error) => {
  console.error(`Permanentie failed to start: ${e.message}`);
  process.exit(1);
});
