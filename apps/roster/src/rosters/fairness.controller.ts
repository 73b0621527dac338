import { Controller, Get, NotFoundException, Param, ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AccessClaims, CurrentUser, Roles } from '@permanentie/platform';
import { Gp } from '../gps/gp.entity';
import { Kring } from '../kringen/kring.entity';
import { kringInScope } from '../scope';
import { KringGp } from '../solver';
import { loadProblem, toKring } from './roster.store';
import { fairnessReport, FairnessReport } from './fairness';
import { shareOf, toKringShift } from './build-problem';
import { Assignment, Roster, Shift } from './roster.entity';

@ApiTags('rollen')
@ApiBearerAuth()
@Roles('planner', 'admin')
@Controller()
export class FairnessController {
  constructor(private readonly db: DataSource) {}

  @Get('rosters/:id/fairness')
  @ApiOperation({
    summary:
      'Billijkheid van een periode: gewogen uren tegenover aandeel, weekends, nachten, feestdagen, wensen',
  })
  async period(
    @CurrentUser() user: AccessClaims,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<FairnessReport> {
    const roster = await this.db.getRepository(Roster).findOneBy({ id });
    if (!roster) throw new NotFoundException('Rol niet gevonden');
    await kringInScope(this.db.manager, user, roster.kringId);
    const problem = await loadProblem(this.db.manager, roster);
    const assignments = await this.db.getRepository(Assignment).findBy({ rosterId: id });
    return fairnessReport(problem.shifts, problem.gps, assignments.map(toKring));
  }

  @Get('kringen/:kringId/fairness/:year')
  @ApiOperation({ summary: 'Billijkheid over een jaar (gepubliceerde rollen)' })
  async year(
    @CurrentUser() user: AccessClaims,
    @Param('kringId') kringId: string,
    @Param('year', ParseIntPipe) year: number,
  ): Promise<FairnessReport> {
    const kring: Kring = await kringInScope(this.db.manager, user, kringId);
    const shifts: Shift[] = await this.db
      .getRepository(Shift)
      .createQueryBuilder('s')
      .innerJoin(Roster, 'r', 'r.id = s.roster_id')
      .where("s.kring_id = :kringId AND r.status = 'published'", { kringId })
      .andWhere(`date_part('year', s.starts_at AT TIME ZONE 'Europe/Brussels') = :year`, { year })
      .getMany();
    const assignments = shifts.length
      ? await this.db
          .getRepository(Assignment)
          .createQueryBuilder('a')
          .where('a.shift_id = ANY(:ids)', { ids: shifts.map((s) => s.id) })
          .getMany()
      : [];
    const gps = await this.db.getRepository(Gp).findBy({ kringId });
    const kringGps: KringGp[] = gps.map((g) => ({
      id: g.id,
      share: shareOf(g, kring.settings, `${year}-01-01`, `${year}-12-31`),
      capabilities: g.capabilities,
      unavailable: [],
      wishes: [],
      carriedOver: 0,
      lastYearTags: [],
    }));
    return fairnessReport(shifts.map(toKringShift), kringGps, assignments.map(toKring));
  }
}
