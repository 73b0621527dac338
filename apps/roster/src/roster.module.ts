import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BusModule } from '@permanentie/bus';
import { ConfigModule } from '@permanentie/config';
import { PersistenceModule } from '@permanentie/persistence';
import { PlatformModule } from '@permanentie/platform';
import { TemplatesController } from './duties/templates.controller';
import { SaveGpHandler, SetGpActiveHandler } from './gps/gp.commands';
import { GpsController } from './gps/gps.controller';
import { KringenController } from './kringen/kringen.controller';
import { SaveKringHandler } from './kringen/kring.commands';
import { SaveZoneHandler } from './kringen/zone.commands';
import { RosterConfig } from './roster.config';
import {
  ChangeAssignmentHandler,
  CreateRosterHandler,
  PublishRosterHandler,
  RemoveAssignmentHandler,
} from './rosters/roster.commands';
import { RostersController } from './rosters/rosters.controller';
import { FairnessController } from './rosters/fairness.controller';
import { CalendarController } from './calendar/calendar.controller';
import { OfferShiftHandler, StepSwapHandler } from './swaps/swap.commands';
import { SwapsController } from './swaps/swaps.controller';
import { SolveService } from './solving/solve.service';
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
      controllers: [
        KringenController,
        GpsController,
        TemplatesController,
        RostersController,
        FairnessController,
        SwapsController,
        CalendarController,
      ],
      providers: [
        SaveZoneHandler,
        SaveKringHandler,
        SaveGpHandler,
        SetGpActiveHandler,
        CreateRosterHandler,
        ChangeAssignmentHandler,
        RemoveAssignmentHandler,
        PublishRosterHandler,
        SolveService,
        OfferShiftHandler,
        StepSwapHandler,
      ],
    };
  }
}
