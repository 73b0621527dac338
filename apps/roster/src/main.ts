import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import { loadConfig } from '@permanentie/config';
import { ensureDatabase } from '@permanentie/persistence';
import { closeOnSignals, createServiceApp } from '@permanentie/platform';
import { RosterConfig } from './roster.config';
import { RosterModule } from './roster.module';

export async function startRoster(): Promise<INestApplication> {
  const config = loadConfig(RosterConfig);
  await ensureDatabase(config.DATABASE_URL);
  const app = await createServiceApp(RosterModule.forRoot(), 'roster');
  await app.listen(config.ROSTER_PORT);
  Logger.log(`roster listening on :${config.ROSTER_PORT}`, 'Boot');
  return app;
}

if (require.main === module) {
  startRoster()
    .then((app) => closeOnSignals([app]))
    .catch((e: Error) => {
      // A bad setting lands here too: say which, and stop.
      console.error(`roster failed to start: ${e.message}`);
      process.exit(1);
    });
}
