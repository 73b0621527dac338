import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BusModule } from '@permanentie/bus';
import { ConfigModule } from '@permanentie/config';
import { PersistenceModule } from '@permanentie/persistence';
import { PlatformModule } from '@permanentie/platform';
import { DispatchConfig } from './dispatch.config';
import { DISPATCH_DATABASE } from './dispatch.database';

@Module({})
export class DispatchModule {
  static forRoot(overrides: Partial<DispatchConfig> = {}): DynamicModule {
    return {
      module: DispatchModule,
      imports: [
        ConfigModule.forService(DispatchConfig, overrides),
        PlatformModule,
        PersistenceModule.forService(DISPATCH_DATABASE),
        BusModule.forService('dispatch'),
        CqrsModule.forRoot(),
      ],
    };
  }
}
