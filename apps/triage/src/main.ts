import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import { loadConfig } from '@permanentie/config';
import { ensureDatabase } from '@permanentie/persistence';
import { closeOnSignals, createServiceApp } from '@permanentie/platform';
import { TriageConfig } from './triage.config';
import { TriageModule } from './triage.module';

export async function startTriage(): Promise<INestApplication> {
  const config = loadConfig(TriageConfig);
  await ensureDatabase(config.DATABASE_URL);
  const app = await createServiceApp(TriageModule.forRoot(), 'triage');
  await app.listen(config.TRIAGE_PORT);
  Logger.log(`triage listening on :${config.TRIAGE_PORT}`, 'Boot');
  return app;
}

if (require.main === module) {
  startTriage()
    .then((app) => closeOnSignals([app]))
    .catch((e: Error) => {
      // A bad setting lands here too: say which, and stop.
      console.error(`triage failed to start: ${e.message}`);
      process.exit(1);
    });
}
