import { Body, Controller, ForbiddenException, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AccessClaims, CurrentUser, InvalidInput, Roles } from '@permanentie/platform';
import { kringInScope } from '../scope';
import { CreateKringDto, CreateWachtpostDto, KringSettingsDto, ZoneDto } from './kring.dto';
import { DEFAULT_SETTINGS, Kring, Wachtpost } from './kring.entity';
import { SaveKring } from './kring.commands';
import { SaveZone } from './zone.commands';
import { Zone } from './zone.entity';

@ApiTags('kringen')
@ApiBearerAuth()
@Roles('planner', 'admin')
@Controller('kringen')
export class KringenController {
  constructor(
    private readonly db: DataSource,
    private readonly commands: CommandBus,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Kring aanmaken (admin, of de planner van die kring)' })
  async create(@CurrentUser() user: AccessClaims, @Body() dto: CreateKringDto): Promise<Kring> {
    if (user.role !== 'admin' && user.kringId !== dto.id) throw new ForbiddenException('Buiten uw kring');
    const settings = mergeSettings(DEFAULT_SETTINGS, dto.settings ?? {});
    return this.commands.execute(
      new SaveKring(Object.assign(new Kring(), { id: dto.id, name: dto.name, settings })),
    );
  }

  @Get(':kringId')
  @ApiOperation({ summary: 'Kring met instellingen' })
  get(@CurrentUser() user: AccessClaims, @Param('kringId') kringId: string): Promise<Kring> {
    return kringInScope(this.db.manager, user, kringId);
  }

  @Patch(':kringId/settings')
  @ApiOperation({ summary: 'Instellingen wijzigen (feestdagen, ruststijd, gewichten, ruilen)' })
  async settings(
    @CurrentUser() user: AccessClaims,
    @Param('kringId') kringId: string,
    @Body() dto: KringSettingsDto,
  ): Promise<Kring> {
    const kring = await kringInScope(this.db.manager, user, kringId);
    kring.settings = mergeSettings(kring.settings, dto);
    return this.commands.execute(new SaveKring(kring));
  }

  @Post(':kringId/wachtposten')
  @ApiOperation({ summary: 'Wachtpost toevoegen' })
  async addWachtpost(
    @CurrentUser() user: AccessClaims,
    @Param('kringId') kringId: string,
    @Body() dto: CreateWachtpostDto,
  ): Promise<Wachtpost> {
    await kringInScope(this.db.manager, user, kringId);
    return this.db.getRepository(Wachtpost).save(Object.assign(new Wachtpost(), { ...dto, kringId }));
  }

  @Get(':kringId/wachtposten')
  async wachtposten(
    @CurrentUser() user: AccessClaims,
    @Param('kringId') kringId: string,
  ): Promise<Wachtpost[]> {
    await kringInScope(this.db.manager, user, kringId);
    return this.db.getRepository(Wachtpost).find({ where: { kringId }, order: { id: 'ASC' } });
  }

  @Put(':kringId/zones/:zoneId')
  @ApiOperation({ summary: 'Zone aanmaken of wijzigen (publiceert ZoneChanged)' })
  async saveZone(
    @CurrentUser() user: AccessClaims,
    @Param('kringId') kringId: string,
    @Param('zoneId') zoneId: string,
    @Body() dto: ZoneDto,
  ): Promise<Zone> {
    await kringInScope(this.db.manager, user, kringId);
    if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(zoneId))
      throw new InvalidInput([{ field: 'zoneId', reason: 'kleine letters, cijfers en -, 2 tot 63 tekens' }]);
    return this.commands.execute(new SaveZone(kringId, zoneId, dto));
  }

  @Get(':kringId/zones')
  async zones(@CurrentUser() user: AccessClaims, @Param('kringId') kringId: string): Promise<Zone[]> {
    await kringInScope(this.db.manager, user, kringId);
    return this.db.getRepository(Zone).find({ where: { kringId }, order: { id: 'ASC' } });
  }
}

function mergeSettings(base: Kring['settings'], dto: KringSettingsDto): Kring['settings'] {
  const given = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
  const merged = { ...base, ...given, weights: { ...base.weights, ...(dto.weights ?? {}) } };
  if (merged.ageNoneFrom < merged.ageHalfFrom)
    throw new InvalidInput([{ field: 'ageNoneFrom', reason: 'moet minstens ageHalfFrom zijn' }]);
  return merged;
}
