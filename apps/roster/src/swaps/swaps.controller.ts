import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { DataSource, In } from 'typeorm';
import { AccessClaims, CurrentUser, Roles } from '@permanentie/platform';
import { Swap } from './swap.entity';
import { OfferShift, StepSwap } from './swap.commands';

class OfferDto {
  @ApiProperty() @IsUUID() assignmentId: string;
}

class TakeDto {
  @ApiPropertyOptional({ description: 'One of your own assignments to give in return (a swap proposal)' })
  @IsOptional()
  @IsUUID()
  counterAssignmentId?: string;
}

const gpOf = (user: AccessClaims): string => {
  if (!user.gpId) throw new ForbiddenException('Alleen een huisarts');
  return user.gpId;
};

@ApiTags('ruilen')
@ApiBearerAuth()
@Controller('swaps')
export class SwapsController {
  constructor(
    private readonly db: DataSource,
    private readonly commands: CommandBus,
  ) {}

  @Post()
  @Roles('gp')
  @ApiOperation({ summary: 'Een eigen gepubliceerde wacht aanbieden' })
  offer(@CurrentUser() user: AccessClaims, @Body() dto: OfferDto): Promise<Swap> {
    return this.commands.execute(new OfferShift(gpOf(user), dto.assignmentId));
  }

  @Get()
  @Roles('gp', 'planner', 'admin')
  @ApiOperation({ summary: 'Open en lopende ruilen van de kring' })
  list(@CurrentUser() user: AccessClaims): Promise<Swap[]> {
    const where = { status: In(['open', 'proposed', 'pending']) };
    if (user.role === 'admin')
      return this.db.getRepository(Swap).find({ where, order: { createdAt: 'ASC' } });
    if (!user.kringId) throw new ForbiddenException('Geen kring');
    return this.db
      .getRepository(Swap)
      .find({ where: { ...where, kringId: user.kringId }, order: { createdAt: 'ASC' } });
  }

  @Post(':id/take')
  @HttpCode(200)
  @Roles('gp')
  @ApiOperation({ summary: 'Aanbod overnemen, of een ruil voorstellen met counterAssignmentId' })
  take(
    @CurrentUser() user: AccessClaims,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TakeDto,
  ): Promise<Swap> {
    const action = {
      kind: 'take' as const,
      gpId: gpOf(user),
      counterAssignmentId: dto.counterAssignmentId ?? null,
    };
    return this.commands.execute(new StepSwap(id, action, user.kringId ?? ''));
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('gp')
  accept(@CurrentUser() user: AccessClaims, @Param('id', ParseUUIDPipe) id: string): Promise<Swap> {
    return this.commands.execute(new StepSwap(id, { kind: 'accept', gpId: gpOf(user) }, user.kringId ?? ''));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('gp')
  withdraw(@CurrentUser() user: AccessClaims, @Param('id', ParseUUIDPipe) id: string): Promise<Swap> {
    return this.commands.execute(
      new StepSwap(id, { kind: 'withdraw', gpId: gpOf(user) }, user.kringId ?? ''),
    );
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('planner', 'admin')
  approve(@CurrentUser() user: AccessClaims, @Param('id', ParseUUIDPipe) id: string): Promise<Swap> {
    return this.commands.execute(
      new StepSwap(id, { kind: 'approve' }, user.role === 'admin' ? null : (user.kringId ?? '')),
    );
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('planner', 'admin')
  reject(@CurrentUser() user: AccessClaims, @Param('id', ParseUUIDPipe) id: string): Promise<Swap> {
    return this.commands.execute(
      new StepSwap(id, { kind: 'reject' }, user.role === 'admin' ? null : (user.kringId ?? '')),
    );
  }
}
