import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import { loadConfig } from '@permanentie/config';
import { ensureDatabase } from '@permanentie/persistence';
import { closeOnSignals, createServiceApp } from '@permanentie/platform';
import { DispatchConfig } from './dispatch.config';
import { DispatchModule } from './dispatch.module';

export async function startDispatch(): Promise<INestApplication> {
  const config = loadConfig(DispatchConfig);
  await ensureDatabase(config.DATABASE_URL);
  const app = await createServiceApp(DispatchModule.forRoot(), 'dispatch');
  await app.listen(config.DISPATCH_PORT);
  Logger.log(`dispatch listening on :${config.DISPATCH_PORT}`, 'Boot');
  return app;
}

if (require.main === module) {
  startDispatch()
    .then((app) => closeOnSignals([app]))
    .catch((e: Error) => {
      // A bad setting lands here too: say which, and stop.
      console.error(`dispatch failed to start: ${e.message}`);
      process.exit(1);
    });
}
