import {
  Body,
  Controller,
  Delete,
  Get,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessClaims, CurrentUser, InvalidInput, Roles } from '@permanentie/platform';
import { assertGpOrPlanner, kringInScope } from '../scope';
import { GpDto, PreferenceDto } from './gp.dto';
import { Gp, GpPreference } from './gp.entity';
import { newCalendarToken, SaveGp, SetGpActive } from './gp.commands';

@ApiTags('huisartsen')
@ApiBearerAuth()
@Controller()
export class GpsController {
  constructor(
    private readonly db: DataSource,
    private readonly commands: CommandBus,
  ) {}

  private async gpInScope(user: AccessClaims, gpId: string): Promise<Gp> {
    const gp = await this.db.getRepository(Gp).findOneBy({ id: gpId });
    if (!gp) throw new NotFoundException('Huisarts niet gevonden');
    assertGpOrPlanner(user, gp);
    return gp;
  }

  @Post('kringen/:kringId/gps')
  @Roles('planner', 'admin')
  @ApiOperation({ summary: 'Huisarts toevoegen (RIZIV gecontroleerd; publiceert GpChanged)' })
  async create(
    @CurrentUser() user: AccessClaims,
    @Param('kringId') kringId: string,
    @Body() dto: GpDto,
  ): Promise<Gp> {
    await kringInScope(this.db.manager, user, kringId);
    return this.commands.execute(new SaveGp(kringId, null, { ...dto, exemptions: dto.exemptions ?? [] }));
  }

  @Get('kringen/:kringId/gps')
  @Roles('planner', 'admin')
  async list(@CurrentUser() user: AccessClaims, @Param('kringId') kringId: string): Promise<Gp[]> {
    await kringInScope(this.db.manager, user, kringId);
    return this.db.getRepository(Gp).find({ where: { kringId }, order: { name: 'ASC' } });
  }

  /**
   * Who is who, for the screens that show GPs on duty: names and languages of active GPs, no
   * personal details. Dispatchers need every kring's GPs, since cases overflow across zones.
   */
  @Get('gp-directory')
  @Roles('dispatcher', 'planner', 'admin')
  @ApiOperation({ summary: 'Namen en talen van de actieve huisartsen (voor wachtlijst en wachtbord)' })
  async directory(): Promise<Pick<Gp, 'id' | 'name' | 'languages' | 'kringId'>[]> {
    return this.db.getRepository(Gp).find({
      select: { id: true, name: true, languages: true, kringId: true },
      where: { active: true },
      order: { name: 'ASC' },
    });
  }

  @Get('gps/:gpId')
  @Roles('planner', 'admin', 'gp')
  get(@CurrentUser() user: AccessClaims, @Param('gpId', ParseUUIDPipe) gpId: string): Promise<Gp> {
    return this.gpInScope(user, gpId);
  }

  @Put('gps/:gpId')
  @Roles('planner', 'admin')
  @ApiOperation({ summary: 'Huisarts wijzigen (publiceert GpChanged)' })
  async update(
    @CurrentUser() user: AccessClaims,
    @Param('gpId', ParseUUIDPipe) gpId: string,
    @Body() dto: GpDto,
  ): Promise<Gp> {
    const gp = await this.gpInScope(user, gpId);
    return this.commands.execute(new SaveGp(gp.kringId, gpId, { ...dto, exemptions: dto.exemptions ?? [] }));
  }

  @Delete('gps/:gpId')
  @Roles('planner', 'admin')
  @ApiOperation({ summary: 'Huisarts op non-actief (publiceert GpChanged active=false)' })
  async deactivate(
    @CurrentUser() user: AccessClaims,
    @Param('gpId', ParseUUIDPipe) gpId: string,
  ): Promise<Gp> {
    await this.gpInScope(user, gpId);
    return this.commands.execute(new SetGpActive(gpId, false));
  }

  @Post('gps/:gpId/preferences')
  @Roles('planner', 'admin', 'gp')
  @ApiOperation({ summary: 'Onbeschikbaarheid of wens (want/avoid) over een periode' })
  async addPreference(
    @CurrentUser() user: AccessClaims,
    @Param('gpId', ParseUUIDPipe) gpId: string,
    @Body() dto: PreferenceDto,
  ): Promise<GpPreference> {
    await this.gpInScope(user, gpId);
    if (dto.to < dto.from) throw new InvalidInput([{ field: 'to', reason: 'einde ligt voor het begin' }]);
    const pref = Object.assign(new GpPreference(), {
      id: randomUUID(),
      gpId,
      kind: dto.kind,
      fromDate: dto.from,
      toDate: dto.to,
      dutyKind: dto.dutyKind ?? null,
    });
    return this.db.getRepository(GpPreference).save(pref);
  }

  @Get('gps/:gpId/preferences')
  @Roles('planner', 'admin', 'gp')
  async preferences(
    @CurrentUser() user: AccessClaims,
    @Param('gpId', ParseUUIDPipe) gpId: string,
  ): Promise<GpPreference[]> {
    await this.gpInScope(user, gpId);
    return this.db.getRepository(GpPreference).find({ where: { gpId }, order: { fromDate: 'ASC' } });
  }

  @Delete('gps/:gpId/preferences/:id')
  @Roles('planner', 'admin', 'gp')
  async removePreference(
    @CurrentUser() user: AccessClaims,
    @Param('gpId', ParseUUIDPipe) gpId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<{ removed: number }> {
    await this.gpInScope(user, gpId);
    const res = await this.db.getRepository(GpPreference).delete({ id, gpId });
    return { removed: res.affected ?? 0 };
  }

  @Post('gps/:gpId/calendar-token')
  @Roles('planner', 'admin', 'gp')
  @ApiOperation({ summary: 'Nieuwe geheime kalenderlink (de oude werkt niet meer)' })
  async rotateCalendar(
    @CurrentUser() user: AccessClaims,
    @Param('gpId', ParseUUIDPipe) gpId: string,
  ): Promise<{ path: string }> {
    await this.gpInScope(user, gpId);
    const token = newCalendarToken();
    await this.db.getRepository(Gp).update(gpId, { calendarToken: token });
    return { path: `/calendar/${gpId}/${token}.ics` };
  }
}
