import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BusModule } from '@permanentie/bus';
import { ConfigModule } from '@permanentie/config';
import { PersistenceModule } from '@permanentie/persistence';
import { PlatformModule } from '@permanentie/platform';
import { CaseRouter } from './assignment/case-router';
import { CaseHandlers } from './assignment/case.handlers';
import {
  AcceptOfferHandler,
  CompleteCaseHandler,
  DeclineOfferHandler,
  StartCaseHandler,
} from './assignment/commands/gp-actions';
import { ReassignCaseHandler } from './assignment/commands/reassign';
import { DispatchQueries } from './assignment/dispatch.queries';
import { DispatcherController } from './assignment/dispatcher.controller';
import { GpController } from './assignment/gp.controller';
import { DispatchConfig } from './dispatch.config';
import { DISPATCH_DATABASE } from './dispatch.database';
import { OnDutyHandlers } from './on-duty/on-duty.handlers';
import { OnDutyRepository } from './on-duty/on-duty.repository';
import { SettingsRepository } from './settings/settings.repository';
import { DueChecker } from './sla/checker.service';
import { Timers } from './sla/timers';

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
      controllers: [GpController, DispatcherController],
      providers: [
        OnDutyRepository,
        OnDutyHandlers,
        SettingsRepository,
        Timers,
        CaseRouter,
        CaseHandlers,
        DueChecker,
        DispatchQueries,
        AcceptOfferHandler,
        DeclineOfferHandler,
        StartCaseHandler,
        CompleteCaseHandler,
        ReassignCaseHandler,
      ],
    };
  }
}
