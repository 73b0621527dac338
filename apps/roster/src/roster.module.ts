import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BusModule } from '@permanentie/bus';
import { ConfigModule } from '@permanentie/config';
import { PersistenceModule } from '@permanentie/persistence';
import { PlatformModule } from '@permanentie/platform';
import { RosterConfig } from './roster.config';
import { ROSTER_DATABASE } from './roster.database';

@Module({})
export class RosterModule {
  static forRoot(overrides: Partial<RosterConfig> = {}): DynamicModule {
    return {
      module: RosterModule,
      imports: [
        ConfigModule.forService(RosterConfig, overrides),
        PlatformModule,
        PersistenceModule.forService(ROSTER_DATABASE),
        BusModule.forService('roster'),
        CqrsModule.forRoot(),
      ],
    };
  }
}
