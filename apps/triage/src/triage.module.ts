import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BusModule } from '@permanentie/bus';
import { ConfigModule } from '@permanentie/config';
import { PersistenceModule } from '@permanentie/persistence';
import { PlatformModule } from '@permanentie/platform';
import { CASE_COMMAND_HANDLERS } from './cases/case.commands';
import { CaseWriter } from './cases/case.writer';
import { CasesController } from './cases/cases.controller';
import { ValidationClock } from './cases/dto/validators';
import { CasesReader } from './cases/cases.reader';
import { DispatchEventsConsumer } from './cases/dispatch-events.consumer';
import { ProtocolsController } from './protocols/protocols.controller';
import { MailboxChannel, ReportChannel } from './reports/report-channel';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { TriageSettingsService } from './settings/triage-settings.service';
import { TriageConfig } from './triage.config';
import { TRIAGE_DATABASE } from './triage.database';
import { ZonesConsumer } from './zones/zones.consumer';

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
      controllers: [CasesController, ProtocolsController, ReportsController],
      providers: [
        ...CASE_COMMAND_HANDLERS,
        CaseWriter,
        CasesReader,
        TriageSettingsService,
        ReportsService,
        { provide: ReportChannel, useClass: MailboxChannel },
        DispatchEventsConsumer,
        ZonesConsumer,
        ValidationClock,
      ],
    };
  }
}
