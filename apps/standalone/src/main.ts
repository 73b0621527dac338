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
import { DEMO_PASSWORD, seedDemo } from '../../../scripts/seed-demo';

async function main(): Promise<void> {
  // The demo's first admin, unless one is configured (the gateway creates it on an empty database).
  process.env.ADMIN_USERNAME ||= 'admin';
  process.env.ADMIN_PASSWORD ||= DEMO_PASSWORD;
  const apps: INestApplication[] = [];
  closeOnSignals(apps);
  for (const start of [startRoster, startTriage, startDispatch, startGateway]) apps.push(await start());
  const url = `http://localhost:${process.env.GATEWAY_PORT ?? '3000'}`;
  // Demo data through the services' own HTTP APIs, when the database has no demo kring yet;
  // later starts only extend the demo rosters when they run out.
  if (process.env.DEMO_SEED !== 'off') {
    Logger.log('demo data: loading on first start, extending rosters later…', 'Demo');
    const demo = await seedDemo({
      baseUrl: url,
      adminUsername: process.env.ADMIN_USERNAME,
      adminPassword: process.env.ADMIN_PASSWORD,
      log: (line) => Logger.log(line, 'Demo'),
    });
    if (demo.seeded) {
      const lines = [
        `Demo accounts (password for all: ${demo.password}; admin: ${process.env.ADMIN_USERNAME} / ${process.env.ADMIN_PASSWORD}):`,
        ...demo.accounts.map(
          (a) =>
            `  ${a.username.padEnd(26)} ${a.role.padEnd(11)} ${a.displayName}${a.note ? ` (${a.note})` : ''}`,
        ),
      ];
      Logger.log(lines.join('\n'), 'Demo');
    } else {
      Logger.log(
        `Demo accounts: dispatcher.<kring>, planner.<kring>, gp.paj1…, gp.noo1…, gp.zen1… (kring: pajottenland, noordrand, zennevallei); password ${demo.password}`,
        'Demo',
      );
    }
  }
  Logger.log(`Permanentie is up: console on ${url}`, 'Boot');
}

main().catch((e: Error) => {
  console.error(`Permanentie failed to start: ${e.message}`);
  process.exit(1);
});
