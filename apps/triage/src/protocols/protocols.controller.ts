import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { IsBoolean, IsInt, IsObject, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { DataSource } from 'typeorm';
import { AccessClaims, assertWachtpost, CurrentUser, InvalidInput, Roles } from '@permanentie/platform';
import { ErrorDoc, ValidationErrorDoc } from '../cases/dto/docs.dto';
import { iso } from '../cases/case.views';
import { DEFAULT_TARGETS } from '../settings/due-times';
import { TriageSettingsService } from '../settings/triage-settings.service';
import { ProtocolDefinition, validateProtocol } from './protocol.model';
import { SAMPLE_PROTOCOL } from './sample-protocol';

export class LoadProtocolDto {
  @ApiProperty({
    description: 'The protocol, in the format of docs/triage.md',
    example: { code: 'my_protocol' },
  })
  @IsObject()
  definition: Record<string, unknown>;

  @ApiPropertyOptional({ default: true, description: 'Make it the active version at once' })
  @IsOptional()
  @IsBoolean()
  activate?: boolean;
}

export class TargetsDto {
  @ApiProperty({ example: 20 }) @IsInt() @Min(1) @Max(240) triageMinutes: number;
  @ApiProperty({ example: 3 }) @IsInt() @Min(1) @Max(30) U1: number;
  @ApiProperty({ example: 60 }) @IsInt() @Min(1) @Max(24 * 60) U2: number;
  @ApiProperty({ example: 180 }) @IsInt() @Min(1) @Max(48 * 60) U3: number;
  @ApiProperty({ example: 1440 }) @IsInt() @Min(1) @Max(7 * 24 * 60) U4: number;
  @ApiProperty({ example: '08:00', description: 'U5: own GP at this local time, next working day' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'HH:mm' })
  ownGpAt: string;
}

export class UpdateSettingsDto {
  @ApiProperty({ type: TargetsDto })
  @ValidateNested()
  @Type(() => TargetsDto)
  targets: TargetsDto;

  @ApiProperty({ description: 'Settings version the client saw' })
  @IsInt()
  @Min(1)
  version: number;
}

/** Per-wachtpost triage settings and protocol versions. Admin, or a dispatcher of that wachtpost. */
@ApiTags('protocols')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorDoc })
@ApiForbiddenResponse({ type: ErrorDoc })
@Roles('dispatcher', 'admin')
@Controller('wachtposten/:wachtpostId')
export class ProtocolsController {
  constructor(
    private readonly settings: TriageSettingsService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('settings')
  @ApiOperation({ summary: 'Time targets (minutes; defaults from DOMAIN.md) and the active protocol' })
  async getSettings(@CurrentUser() user: AccessClaims, @Param('wachtpostId') wachtpostId: string) {
    assertWachtpost(user, wachtpostId);
    const row = await this.dataSource.transaction((tx) => this.settings.ensure(tx, wachtpostId));
    return {
      wachtpostId,
      targets: { ...DEFAULT_TARGETS, ...row.targets },
      activeProtocolId: row.activeProtocolId,
      version: row.version,
    };
  }

  @Put('settings')
  @ApiOperation({ summary: 'Change the time targets of the wachtpost' })
  @ApiBadRequestResponse({ type: ValidationErrorDoc })
  @ApiConflictResponse({ type: ErrorDoc, description: 'Stale settings version' })
  async putSettings(
    @CurrentUser() user: AccessClaims,
    @Param('wachtpostId') wachtpostId: string,
    @Body() body: UpdateSettingsDto,
  ) {
    assertWachtpost(user, wachtpostId);
    const row = await this.settings.updateTargets(wachtpostId, { ...body.targets }, body.version);
    return {
      wachtpostId,
      targets: row.targets,
      activeProtocolId: row.activeProtocolId,
      version: row.version,
    };
  }

  @Get('protocols')
  @ApiOperation({ summary: 'Loaded protocol versions (without definitions)' })
  async list(@CurrentUser() user: AccessClaims, @Param('wachtpostId') wachtpostId: string) {
    assertWachtpost(user, wachtpostId);
    const { list, activeId } = await this.settings.versions(wachtpostId);
    return list.map((v) => ({
      id: v.id,
      version: v.version,
      code: v.code,
      title: v.definition.title,
      complaints: v.definition.complaints.length,
      loadedAt: iso(v.loadedAt),
      loadedBy: v.loadedBy,
      active: v.id === activeId,
    }));
  }

  @Get('protocols/active')
  @ApiOperation({ summary: 'The active protocol in full: what the dispatcher’s screen asks' })
  async active(@CurrentUser() user: AccessClaims, @Param('wachtpostId') wachtpostId: string) {
    assertWachtpost(user, wachtpostId);
    const v = await this.dataSource.transaction((tx) => this.settings.activeProtocol(tx, wachtpostId));
    return { id: v.id, version: v.version, code: v.code, definition: v.definition };
  }

  @Get('protocols/sample')
  @ApiOperation({
    summary: 'The sample protocol shipped with Permanentie: a starting point to edit and load',
  })
  sample(@CurrentUser() user: AccessClaims, @Param('wachtpostId') wachtpostId: string): ProtocolDefinition {
    assertWachtpost(user, wachtpostId);
    return SAMPLE_PROTOCOL;
  }

  @Post('protocols')
  @ApiOperation({
    summary: 'Load a new protocol version',
    description:
      'Validated as a whole; every problem is named (definition.complaints[2].rules[0].when.q1 ...).',
  })
  @ApiCreatedResponse({ description: '{ id, version, code, active }' })
  @ApiBadRequestResponse({ type: ValidationErrorDoc })
  async load(
    @CurrentUser() user: AccessClaims,
    @Param('wachtpostId') wachtpostId: string,
    @Body() body: LoadProtocolDto,
  ) {
    assertWachtpost(user, wachtpostId);
    const errors = validateProtocol(body.definition);
    if (errors.length > 0) throw new InvalidInput(errors);
    const { version, active } = await this.settings.loadProtocol(
      wachtpostId,
      body.definition as unknown as ProtocolDefinition,
      body.activate ?? true,
      `${user.role}:${user.sub}`,
    );
    return { id: version.id, version: version.version, code: version.code, active };
  }

  @Post('protocols/:version/activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make an earlier loaded version the active one' })
  @ApiOkResponse({ description: '{ id, version, code, active: true }' })
  @ApiNotFoundResponse({ type: ErrorDoc })
  async activate(
    @CurrentUser() user: AccessClaims,
    @Param('wachtpostId') wachtpostId: string,
    @Param('version', ParseIntPipe) version: number,
  ) {
    assertWachtpost(user, wachtpostId);
    const v = await this.settings.activate(wachtpostId, version);
    return { id: v.id, version: v.version, code: v.code, active: true };
  }
}
