import { Body, Controller, ForbiddenException, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessClaims, CurrentUser, Roles } from '@permanentie/platform';
import { AcceptOffer, CompleteCase, DeclineOffer, StartCase } from './commands/gp-actions';
import { DispatchQueries } from './dispatch.queries';
import { CompleteDto, DeclineDto, StartDto } from './dto';

/** What the GP on duty does with offers and cases. Each action is a command and an event. */
@ApiTags('gp')
@ApiBearerAuth()
@Roles('gp', 'admin')
@Controller()
export class GpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: DispatchQueries,
  ) {}

  @ApiOperation({ summary: 'Accept an offer (before it expires)' })
  @Post('offers/:offerId/accept')
  @HttpCode(200)
  accept(@Param('offerId') offerId: string, @CurrentUser() user: AccessClaims) {
    return this.commands.execute(new AcceptOffer(offerId, user));
  }

  @ApiOperation({ summary: 'Decline an offer with a reason; the case goes to the next GP' })
  @Post('offers/:offerId/decline')
  @HttpCode(200)
  decline(@Param('offerId') offerId: string, @Body() body: DeclineDto, @CurrentUser() user: AccessClaims) {
    return this.commands.execute(new DeclineOffer(offerId, body.reasonCode, user));
  }

  @ApiOperation({ summary: 'Start a held case: en route or in consultation' })
  @Post('cases/:caseId/start')
  @HttpCode(200)
  start(@Param('caseId') caseId: string, @Body() body: StartDto, @CurrentUser() user: AccessClaims) {
    return this.commands.execute(new StartCase(caseId, body.mode, user));
  }

  @ApiOperation({ summary: 'Complete a held case with its disposition' })
  @Post('cases/:caseId/complete')
  @HttpCode(200)
  complete(@Param('caseId') caseId: string, @Body() body: CompleteDto, @CurrentUser() user: AccessClaims) {
    return this.commands.execute(new CompleteCase(caseId, body.disposition, user));
  }

  @ApiOperation({ summary: 'My pending offers and open cases (restored by the screen on reconnect)' })
  @Roles('gp')
  @Get('me/work')
  work(@CurrentUser() user: AccessClaims) {
    if (!user.gpId) throw new ForbiddenException('Geen huisartsprofiel / pas de profil médecin');
    return this.queries.work(user.gpId);
  }
}
