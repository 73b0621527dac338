import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import { loadConfig } from '@permanentie/config';
import { ensureDatabase } from '@permanentie/persistence';
import { closeOnSignals, createServiceApp } from '@permanentie/platform';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';

export async function startGateway(): Promise<INestApplication> {
  const config = loadConfig(GatewayConfig);
  await ensureDatabase(config.DATABASE_URL);
  const app = await createServiceApp(GatewayModule.forRoot(), 'gateway');
  await app.listen(config.GATEWAY_PORT);
  Logger.log(`gateway listening on :${config.GATEWAY_PORT}`, 'Boot');
  return app;
}

if (require.main === module) {
  startGateway()
    .then((app) => closeOnSignals([app]))
    .catch((e: Error) => {
      // A bad setting lands here too: say which, and stop.
      console.error(`gateway failed to start: ${e.message}`);
      process.exit(1);
    });
}
