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
import { DateTime } from 'luxon';
import { DataSource, In } from 'typeorm';
import { DUTY_KINDS, DUTY_ROLES, type DutyKind, type DutyRole } from '@permanentie/contracts';
import { ZONE } from '@permanentie/domain';
import { AccessClaims, CurrentUser, Roles } from '@permanentie/platform';
import { Gp } from '../gps/gp.entity';
import { Assignment, Shift } from '../rosters/roster.entity';
import { Swap, SwapStatus } from './swap.entity';
import { OfferShift, StepSwap } from './swap.commands';

class SwapShift {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Local ISO time with offset (Europe/Brussels)' }) start: string;
  @ApiProperty() end: string;
  @ApiProperty({ enum: DUTY_KINDS }) kind: DutyKind;
  @ApiProperty() zoneId: string;
  @ApiProperty({ enum: DUTY_ROLES }) role: DutyRole;
}

class GpRef {
  @ApiProperty() gpId: string;
  @ApiProperty() name: string;
}

/** A swap as a screen shows it: the duty, and the GPs by name. */
export class SwapView {
  @ApiProperty() id: string;
  @ApiProperty() kringId: string;
  @ApiProperty() rosterId: string;
  @ApiProperty() assignmentId: string;
  @ApiProperty({ nullable: true, type: String }) counterAssignmentId: string | null;
  @ApiProperty() status: SwapStatus;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiProperty({
    type: SwapShift,
    nullable: true,
    description: 'null when the offered assignment was changed since (the swap can no longer apply)',
  })
  shift: SwapShift | null;
  @ApiProperty({ type: GpRef }) offeredBy: GpRef;
  @ApiPropertyOptional({ type: GpRef, description: 'The GP who took the offer or proposes a swap' })
  takenBy?: GpRef;
  @ApiPropertyOptional({ type: SwapShift, nullable: true, description: 'The duty offered in return' })
  counterShift?: SwapShift | null;
}

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
  @ApiOperation({ summary: 'Open en lopende ruilen van de kring, met de wacht en de namen' })
  async list(@CurrentUser() user: AccessClaims): Promise<SwapView[]> {
    const where = { status: In(['open', 'proposed', 'pending']) };
    let swaps: Swap[];
    if (user.role === 'admin')
      swaps = await this.db.getRepository(Swap).find({ where, order: { createdAt: 'ASC' } });
    else {
      if (!user.kringId) throw new ForbiddenException('Geen kring');
      swaps = await this.db
        .getRepository(Swap)
        .find({ where: { ...where, kringId: user.kringId }, order: { createdAt: 'ASC' } });
    }
    return this.views(swaps);
  }

  /** Swaps with their duty (shift and role of the assignment) and the GPs' names: three queries. */
  private async views(swaps: Swap[]): Promise<SwapView[]> {
    if (!swaps.length) return [];
    const assignmentIds = swaps.flatMap((s) => [
      s.assignmentId,
      ...(s.counterAssignmentId ? [s.counterAssignmentId] : []),
    ]);
    const assignments = new Map(
      (await this.db.getRepository(Assignment).findBy({ id: In(assignmentIds) })).map((a) => [a.id, a]),
    );
    const shiftIds = [...new Set([...assignments.values()].map((a) => a.shiftId))];
    const shifts = new Map(
      (shiftIds.length ? await this.db.getRepository(Shift).findBy({ id: In(shiftIds) }) : []).map((s) => [
        s.id,
        s,
      ]),
    );
    const gpIds = [...new Set(swaps.flatMap((s) => [s.offeredBy, ...(s.takenBy ? [s.takenBy] : [])]))];
    const names = new Map(
      (
        await this.db.getRepository(Gp).find({ select: { id: true, name: true }, where: { id: In(gpIds) } })
      ).map((g) => [g.id, g.name]),
    );
    const iso = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toISO()!;
    const duty = (assignmentId: string): SwapShift | null => {
      const a = assignments.get(assignmentId);
      const shift = a && shifts.get(a.shiftId);
      if (!a || !shift) return null;
      return {
        id: shift.id,
        start: iso(shift.startsAt),
        end: iso(shift.endsAt),
        kind: shift.kind,
        zoneId: shift.zoneId,
        role: a.role,
      };
    };
    const ref = (gpId: string): GpRef => ({ gpId, name: names.get(gpId) ?? '' });
    return swaps.map(({ takenBy, ...s }) => ({
      ...s,
      shift: duty(s.assignmentId),
      offeredBy: ref(s.offeredBy),
      ...(takenBy ? { takenBy: ref(takenBy) } : {}),
      ...(s.counterAssignmentId ? { counterShift: duty(s.counterAssignmentId) } : {}),
    }));
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
