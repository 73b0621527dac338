import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BusModule } from '@permanentie/bus';
import { ConfigModule } from '@permanentie/config';
import { PersistenceModule } from '@permanentie/persistence';
import { PlatformModule } from '@permanentie/platform';
import { TriageConfig } from './triage.config';
import { TRIAGE_DATABASE } from './triage.database';

@Module({})
export class TriageModule {
  static forRoot(overrides: Partial<TriageConfig> = {}): DynamicModule {
    return {
      module: TriageModule,
      imports: [
        ConfigModule.forService(TriageConfig, overrides),
        PlatformModule,
        PersistenceModule.forService(TRIAGE_DATABASE),
        BusModule.forService('triage'),
        CqrsModule.forRoot(),
      ],
    };
  }
}
