import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BusModule } from '@permanentie/bus';
import { ConfigModule } from '@permanentie/config';
import { PersistenceModule } from '@permanentie/persistence';
import { PlatformModule } from '@permanentie/platform';
import { GatewayConfig } from './gateway.config';
import { GATEWAY_DATABASE } from './gateway.database';

@Module({})
export class GatewayModule {
  static forRoot(overrides: Partial<GatewayConfig> = {}): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forService(GatewayConfig, overrides),
        PlatformModule,
        PersistenceModule.forService(GATEWAY_DATABASE),
        BusModule.forService('gateway'),
        CqrsModule.forRoot(),
      ],
    };
  }
}
