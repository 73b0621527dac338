import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CLOCK, Clock } from '@permanentie/domain';
import { AccessClaims, assertWachtpost, CurrentUser, InvalidInput, Roles } from '@permanentie/platform';
import { SettingsRepository } from '../settings/settings.repository';
import { ReassignCase } from './commands/reassign';
import { DispatchQueries } from './dispatch.queries';
import { ReassignDto, SettingsDto } from './dto';

/** The wachtpost's dispatchers: queue, on-duty board, alarms, reassign, settings. */
@ApiTags('dispatcher')
@ApiBearerAuth()
@Roles('dispatcher', 'admin')
@Controller()
export class DispatcherController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: DispatchQueries,
    private readonly settings: SettingsRepository,
    private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiOperation({ summary: 'Give a case to another GP by hand, with a reason' })
  @Post('cases/:caseId/reassign')
  @HttpCode(200)
  reassign(@Param('caseId') caseId: string, @Body() body: ReassignDto, @CurrentUser() user: AccessClaims) {
    return this.commands.execute(new ReassignCase(caseId, body.gpId, body.reasonCode, user));
  }

  @ApiOperation({ summary: 'Every manual reassign of a case: when, from and to which GP, reason, by whom' })
  @Get('cases/:caseId/reassignments')
  async reassignments(@Param('caseId') caseId: string, @CurrentUser() user: AccessClaims) {
    const wachtpostId = await this.queries.wachtpostOf(caseId);
    if (!wachtpostId) throw new NotFoundException('Niet gevonden / introuvable');
    assertWachtpost(user, wachtpostId);
    return this.queries.reassignments(caseId);
  }

  @ApiOperation({ summary: 'Cases in play, in queue order, with their offer or holder' })
  @Get('wachtposts/:wachtpostId/queue')
  queue(@Param('wachtpostId') wachtpostId: string, @CurrentUser() user: AccessClaims) {
    assertWachtpost(user, wachtpostId);
    return this.queries.queue(wachtpostId);
  }

  @ApiOperation({ summary: 'Who is on duty now per zone and role, with open case counts' })
  @Get('wachtposts/:wachtpostId/board')
  board(@Param('wachtpostId') wachtpostId: string, @CurrentUser() user: AccessClaims) {
    assertWachtpost(user, wachtpostId);
    return this.queries.board(wachtpostId, this.clock.now().toISO()!);
  }

  @ApiOperation({ summary: 'Cases nobody could take, with the reason' })
  @Get('wachtposts/:wachtpostId/alarms')
  alarms(@Param('wachtpostId') wachtpostId: string, @CurrentUser() user: AccessClaims) {
    assertWachtpost(user, wachtpostId);
    return this.queries.alarms(wachtpostId);
  }

  @ApiOperation({ summary: 'Acceptance times, maximum open cases, office hours of the wachtpost' })
  @Get('wachtposts/:wachtpostId/settings')
  async getSettings(@Param('wachtpostId') wachtpostId: string, @CurrentUser() user: AccessClaims) {
    assertWachtpost(user, wachtpostId);
    return toDto(await this.settings.get(this.db.manager, wachtpostId));
  }

  @ApiOperation({ summary: 'Change the wachtpost settings (applies to new offers)' })
  @Put('wachtposts/:wachtpostId/settings')
  async putSettings(
    @Param('wachtpostId') wachtpostId: string,
    @Body() body: SettingsDto,
    @CurrentUser() user: AccessClaims,
  ) {
    assertWachtpost(user, wachtpostId);
    if (body.officeEndHour <= body.officeStartHour) {
      throw new InvalidInput([{ field: 'officeEndHour', reason: 'moet na het beginuur liggen' }]);
    }
    const s = {
      wachtpostId,
      acceptSeconds: { U2: body.acceptSecondsU2, U3: body.acceptSecondsU3, U4: body.acceptSecondsU4 },
      maxOpenCases: body.maxOpenCases,
      officeHours: { start: body.officeStartHour, end: body.officeEndHour },
    };
    await this.settings.save(this.db.manager, s, this.clock.now().toISO()!);
    return toDto(s);
  }
}

function toDto(s: Awaited<ReturnType<SettingsRepository['get']>>) {
  return {
    wachtpostId: s.wachtpostId,
    acceptSecondsU2: s.acceptSeconds.U2,
    acceptSecondsU3: s.acceptSeconds.U3,
    acceptSecondsU4: s.acceptSeconds.U4,
    maxOpenCases: s.maxOpenCases,
    officeStartHour: s.officeHours.start,
    officeEndHour: s.officeHours.end,
  };
}
