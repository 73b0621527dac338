import { Controller, Get, NotFoundException, Param, ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import { DataSource, In } from 'typeorm';
import { AccessClaims, CurrentUser, Roles } from '@permanentie/platform';
import { Gp, GpPreference } from '../gps/gp.entity';
import { Kring } from '../kringen/kring.entity';
import { kringInScope } from '../scope';
import { KringGp } from '../solver';
import { loadProblem, toKring } from './roster.store';
import { fairnessReport, FairnessReport } from './fairness';
import { shareOf, toKringShift, wishesFor } from './build-problem';
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

  /**
   * The year over its published rosters: shares count exemptions only over the rostered days
   * (each roster's share weighted by its days in that year), wishes are the GPs' real wishes on
   * those shifts.
   */
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
    const preferences = gps.length
      ? await this.db.getRepository(GpPreference).findBy({ gpId: In(gps.map((g) => g.id)) })
      : [];
    const first = `${year}-01-01`;
    const last = `${year}-12-31`;
    const periods: { from: string; to: string }[] = (
      await this.db
        .getRepository(Roster)
        .createQueryBuilder('r')
        .where("r.kring_id = :kringId AND r.status = 'published'", { kringId })
        .andWhere('r.period_start <= :last AND r.period_end >= :first', { first, last })
        .getMany()
    ).map((r) => ({
      from: r.periodStart > first ? r.periodStart : first,
      to: r.periodEnd < last ? r.periodEnd : last,
    }));
    const days = (p: { from: string; to: string }) =>
      DateTime.fromISO(p.to).diff(DateTime.fromISO(p.from), 'days').days + 1;
    const rosteredDays = periods.reduce((n, p) => n + days(p), 0);
    const yearShare = (g: Gp) =>
      rosteredDays
        ? periods.reduce((t, p) => t + shareOf(g, kring.settings, p.from, p.to) * days(p), 0) / rosteredDays
        : shareOf(g, kring.settings, first, last);
    const kringShifts = shifts.map(toKringShift);
    const kringGps: KringGp[] = gps.map((g) => ({
      id: g.id,
      share: yearShare(g),
      capabilities: g.capabilities,
      unavailable: [],
      wishes: wishesFor(
        preferences.filter((p) => p.gpId === g.id),
        kringShifts,
      ),
      carriedOver: 0,
      eveHistory: [],
    }));
    return fairnessReport(kringShifts, kringGps, assignments.map(toKring));
  }
}
