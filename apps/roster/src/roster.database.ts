import { ServiceDatabase } from '@permanentie/persistence';
import { DutyTemplate } from './duties/duty-template.entity';
import { Gp, GpPreference } from './gps/gp.entity';
import { Kring, Wachtpost } from './kringen/kring.entity';
import { Zone } from './kringen/zone.entity';
import { ROSTER_MIGRATIONS } from './migrations';
import { Assignment, Roster, Shift } from './rosters/roster.entity';
import { SolveRun } from './solving/solve-run.entity';
import { Swap } from './swaps/swap.entity';

export const ROSTER_DATABASE: ServiceDatabase = {
  schema: 'roster',
  entities: [
    Kring,
    Wachtpost,
    Zone,
    Gp,
    GpPreference,
    DutyTemplate,
    Roster,
    Shift,
    Assignment,
    SolveRun,
    Swap,
  ],
  migrations: ROSTER_MIGRATIONS,
};
