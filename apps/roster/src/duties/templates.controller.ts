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
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessClaims, CurrentUser, InvalidInput, Roles } from '@permanentie/platform';
import { Zone } from '../kringen/zone.entity';
import { kringInScope } from '../scope';
import { DutyTemplate } from './duty-template.entity';
import { TemplateDto } from './template.dto';
import { templateInputErrors } from './template.rules';

@ApiTags('wachtsjablonen')
@ApiBearerAuth()
@Roles('planner', 'admin')
@Controller()
export class TemplatesController {
  constructor(private readonly db: DataSource) {}

  private async save(kringId: string, id: string, dto: TemplateDto): Promise<DutyTemplate> {
    const zone = await this.db.getRepository(Zone).findOneBy({ id: dto.zoneId, kringId });
    const errors = templateInputErrors(dto, !!zone);
    if (errors.length) throw new InvalidInput(errors);
    const template = Object.assign(new DutyTemplate(), {
      ...dto,
      id,
      kringId,
      days: [...new Set(dto.days)].sort(),
      need: { ...dto.need },
      requires: dto.requires ?? [],
      active: true,
    });
    return this.db.getRepository(DutyTemplate).save(template);
  }

  @Post('kringen/:kringId/templates')
  @ApiOperation({
    summary: 'Wachtsjabloon toevoegen (soort, zone, uren, dagen, feestdagen, bezetting, gewicht)',
  })
  async create(
    @CurrentUser() user: AccessClaims,
    @Param('kringId') kringId: string,
    @Body() dto: TemplateDto,
  ): Promise<DutyTemplate> {
    await kringInScope(this.db.manager, user, kringId);
    return this.save(kringId, randomUUID(), dto);
  }

  @Get('kringen/:kringId/templates')
  async list(@CurrentUser() user: AccessClaims, @Param('kringId') kringId: string): Promise<DutyTemplate[]> {
    await kringInScope(this.db.manager, user, kringId);
    return this.db
      .getRepository(DutyTemplate)
      .find({ where: { kringId, active: true }, order: { startTime: 'ASC' } });
  }

  @Put('templates/:id')
  async update(
    @CurrentUser() user: AccessClaims,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TemplateDto,
  ): Promise<DutyTemplate> {
    const existing = await this.db.getRepository(DutyTemplate).findOneBy({ id });
    if (!existing) throw new NotFoundException('Sjabloon niet gevonden');
    await kringInScope(this.db.manager, user, existing.kringId);
    return this.save(existing.kringId, id, dto);
  }

  @Delete('templates/:id')
  async remove(
    @CurrentUser() user: AccessClaims,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<{ ok: true }> {
    const existing = await this.db.getRepository(DutyTemplate).findOneBy({ id });
    if (!existing) throw new NotFoundException('Sjabloon niet gevonden');
    await kringInScope(this.db.manager, user, existing.kringId);
    await this.db.getRepository(DutyTemplate).update(id, { active: false });
    return { ok: true };
  }
}
