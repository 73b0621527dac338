import {
  Controller,
  Get,
  Header,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { timingSafeEqual } from 'node:crypto';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { DutyRole } from '@permanentie/contracts';
import { CLOCK, Clock, ZONE } from '@permanentie/domain';
import { AccessClaims, CurrentUser, Public, Roles } from '@permanentie/platform';
import { Gp } from '../gps/gp.entity';
import { assertGpOrPlanner } from '../scope';
import { buildCalendar } from './ical';

interface OwnShift {
  assignmentId: string;
  shiftId: string;
  rosterId: string;
  role: DutyRole;
  kind: string;
  zoneId: string;
  startsAt: string;
  endsAt: string;
  minutes: number;
}

const ROLE_NL: Record<DutyRole, string> = {
  first: 'eerste huisarts',
  backup: 'achterwacht',
  supervisor: 'supervisor',
};

@ApiTags('kalender')
@Controller()
export class CalendarController {
  constructor(
    private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async published(gpId: string, from?: string): Promise<OwnShift[]> {
    const rows: (Omit<OwnShift, 'startsAt' | 'endsAt'> & { startsAt: Date; endsAt: Date })[] =
      await this.db.query(
        `SELECT a.id AS "assignmentId", s.id AS "shiftId", a.roster_id AS "rosterId", a.role, s.kind, s.zone_id AS "zoneId",
              s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.minutes
         FROM assignment a JOIN shift s ON s.id = a.shift_id JOIN roster r ON r.id = a.roster_id
        WHERE a.gp_id = $1 AND r.status = 'published' AND s.ends_at >= $2
        ORDER BY s.starts_at`,
        [gpId, from ?? this.clock.now().minus({ months: 3 }).toISO()],
      );
    const iso = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toISO()!;
    return rows.map((r) => ({ ...r, startsAt: iso(r.startsAt), endsAt: iso(r.endsAt) }));
  }

  @Get('gps/:gpId/shifts')
  @ApiBearerAuth()
  @Roles('gp', 'planner', 'admin')
  @ApiOperation({ summary: 'Gepubliceerde wachten van een huisarts (een huisarts ziet alleen de hare)' })
  async shifts(
    @CurrentUser() user: AccessClaims,
    @Param('gpId', ParseUUIDPipe) gpId: string,
    @Query('from') from?: string,
  ): Promise<OwnShift[]> {
    const gp = await this.db.getRepository(Gp).findOneBy({ id: gpId });
    if (!gp) throw new NotFoundException('Huisarts niet gevonden');
    assertGpOrPlanner(user, gp);
    return this.published(gpId, from && DateTime.fromISO(from).isValid ? from : undefined);
  }

  /** The private feed: no bearer token (calendar apps cannot send one), a rotatable secret in the URL. */
  @Public()
  @Get('calendar/:gpId/:file')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  @ApiOperation({ summary: 'iCalendar-feed (RFC 5545) van de eigen wachten: /calendar/{gpId}/{token}.ics' })
  async feed(@Param('gpId', ParseUUIDPipe) gpId: string, @Param('file') file: string): Promise<string> {
    const token = file.replace(/\.ics$/, '');
    const gp = await this.db
      .getRepository(Gp)
      .createQueryBuilder('gp')
      .addSelect('gp.calendarToken')
      .where('gp.id = :gpId', { gpId })
      .getOne();
    const given = Buffer.from(token);
    const expected = Buffer.from(gp?.calendarToken ?? '');
    if (!gp || given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new NotFoundException('Kalender niet gevonden');
    const shifts = await this.published(gpId);
    return buildCalendar(
      shifts.map((s) => ({
        uid: s.assignmentId,
        start: DateTime.fromISO(s.startsAt, { zone: ZONE }),
        end: DateTime.fromISO(s.endsAt, { zone: ZONE }),
        summary: `Wachtdienst ${s.kind} (${ROLE_NL[s.role]})`,
        description: `Zone ${s.zoneId}`,
      })),
      this.clock.now(),
    );
  }
}
