import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AccessClaims, CurrentUser, Roles } from '@permanentie/platform';
import { kringInScope } from '../scope';
import { SolveRun } from '../solving/solve-run.entity';
import { SolveService } from '../solving/solve.service';
import { AssignDto, CreateRosterDto, LockDto, SolveDto } from './roster.dto';
import { Assignment, Roster, Shift } from './roster.entity';
import { ChangeAssignment, CreateRoster, PublishRoster, RemoveAssignment } from './roster.commands';

@ApiTags('rollen')
@ApiBearerAuth()
@Roles('planner', 'admin')
@Controller()
export class RostersController {
  constructor(
    private readonly db: DataSource,
    private readonly commands: CommandBus,
    private readonly solver: SolveService,
  ) {}

  private async rosterInScope(user: AccessClaims, id: string): Promise<Roster> {
    const roster = await this.db.getRepository(Roster).findOneBy({ id });
    if (!roster) throw new NotFoundException('Rol niet gevonden');
    await kringInScope(this.db.manager, user, roster.kringId);
    return roster;
  }

  @Post('kringen/:kringId/rosters')
  @ApiOperation({ summary: 'Ontwerp-rol voor een periode; genereert de wachten uit de sjablonen' })
  async create(
    @CurrentUser() user: AccessClaims,
    @Param('kringId') kringId: string,
    @Body() dto: CreateRosterDto,
  ): Promise<Roster & { shifts: number }> {
    await kringInScope(this.db.manager, user, kringId);
    const roster: Roster = await this.commands.execute(new CreateRoster(kringId, dto.from, dto.to));
    return { ...roster, shifts: await this.db.getRepository(Shift).countBy({ rosterId: roster.id }) };
  }

  @Get('kringen/:kringId/rosters')
  async list(@CurrentUser() user: AccessClaims, @Param('kringId') kringId: string): Promise<Roster[]> {
    await kringInScope(this.db.manager, user, kringId);
    return this.db.getRepository(Roster).find({ where: { kringId }, order: { periodStart: 'ASC' } });
  }

  @Get('rosters/:id')
  @ApiOperation({ summary: 'Rol met wachten en toewijzingen' })
  async get(
    @CurrentUser() user: AccessClaims,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<{ roster: Roster; shifts: Shift[]; assignments: Assignment[] }> {
    const roster = await this.rosterInScope(user, id);
    const shifts = await this.db
      .getRepository(Shift)
      .find({ where: { rosterId: id }, order: { startsAt: 'ASC' } });
    const assignments = await this.db.getRepository(Assignment).findBy({ rosterId: id });
    return { roster, shifts, assignments };
  }

  @Post('rosters/:id/solve')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Oplossen (HiGHS) rond de vergrendelde toewijzingen; volg SolveProgress of GET /solve-runs/:id',
  })
  async solve(
    @CurrentUser() user: AccessClaims,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SolveDto,
  ): Promise<SolveRun> {
    await this.rosterInScope(user, id);
    return this.solver.request(id, dto.timeLimitSeconds ?? 60);
  }

  @Get('solve-runs/:runId')
  async run(
    @CurrentUser() user: AccessClaims,
    @Param('runId', ParseUUIDPipe) runId: string,
  ): Promise<SolveRun> {
    const run = await this.db.getRepository(SolveRun).findOneBy({ id: runId });
    if (!run) throw new NotFoundException('Solver-run niet gevonden');
    await kringInScope(this.db.manager, user, run.kringId);
    return run;
  }

  @Post('solve-runs/:runId/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Solver-run afbreken' })
  async cancel(
    @CurrentUser() user: AccessClaims,
    @Param('runId', ParseUUIDPipe) runId: string,
  ): Promise<SolveRun> {
    await this.run(user, runId);
    return this.solver.cancel(runId);
  }

  @Post('rosters/:id/assignments')
  @ApiOperation({ summary: 'Handmatige toewijzing (harde regels gecontroleerd; standaard vergrendeld)' })
  async assign(
    @CurrentUser() user: AccessClaims,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AssignDto,
  ): Promise<Assignment> {
    await this.rosterInScope(user, id);
    return this.commands.execute(new ChangeAssignment(id, { ...dto, locked: dto.locked ?? true }));
  }

  @Patch('rosters/:id/assignments/:assignmentId')
  @ApiOperation({ summary: 'Toewijzing vergrendelen of ontgrendelen' })
  async lock(
    @CurrentUser() user: AccessClaims,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('assignmentId', ParseUUIDPipe) assignmentId: string,
    @Body() dto: LockDto,
  ): Promise<{ locked: boolean }> {
    await this.rosterInScope(user, id);
    const res = await this.db
      .getRepository(Assignment)
      .update({ id: assignmentId, rosterId: id }, { locked: dto.locked });
    if (!res.affected) throw new NotFoundException('Toewijzing niet gevonden');
    return { locked: dto.locked };
  }

  @Delete('rosters/:id/assignments/:assignmentId')
  async unassign(
    @CurrentUser() user: AccessClaims,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('assignmentId', ParseUUIDPipe) assignmentId: string,
  ): Promise<{ ok: true }> {
    await this.rosterInScope(user, id);
    await this.commands.execute(new RemoveAssignment(id, assignmentId));
    return { ok: true };
  }

  @Post('rosters/:id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publiceren: DutyAssigned per toewijzing en RosterPublished' })
  async publish(@CurrentUser() user: AccessClaims, @Param('id', ParseUUIDPipe) id: string): Promise<Roster> {
    await this.rosterInScope(user, id);
    return this.commands.execute(new PublishRoster(id));
  }
}
