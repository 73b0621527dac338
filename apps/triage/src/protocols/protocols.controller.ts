import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { IsOptional, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { DataSource } from 'typeorm';
import { AccessClaims, assertWachtpost, CurrentUser, InvalidInput, Roles } from '@permanentie/platform';
import { ErrorDoc, ValidationErrorDoc } from '../cases/dto/docs.dto';
import {
  Bool,
  intParam,
  NOT_AN_OBJECT,
  Pattern,
  PlainObject,
  RequiredObject,
  WholeNumber,
} from '../cases/dto/validators';
import { iso } from '../cases/case.views';
import { DEFAULT_TARGETS } from '../settings/due-times';
import { TriageSettingsService } from '../settings/triage-settings.service';
import {
  ActiveProtocolDoc,
  LoadedProtocolDoc,
  ProtocolDefinitionDoc,
  ProtocolVersionDoc,
  SettingsDoc,
} from './protocol.docs';
import { ProtocolDefinition, validateProtocol } from './protocol.model';
import { SAMPLE_PROTOCOL } from './sample-protocol';

export class LoadProtocolDto {
  @ApiProperty({
    type: ProtocolDefinitionDoc,
    description: 'The protocol, in the format of docs/triage.md (start from GET .../protocols/sample)',
  })
  @PlainObject()
  definition: Record<string, unknown>;

  @ApiPropertyOptional({ default: true, description: 'Make it the active version at once' })
  @IsOptional()
  @Bool()
  activate?: boolean;
}

export class TargetsDto {
  @ApiProperty({ example: 20, minimum: 1, maximum: 240 }) @WholeNumber(1, 240) triageMinutes: number;
  @ApiProperty({ example: 3, minimum: 1, maximum: 30 }) @WholeNumber(1, 30) U1: number;
  @ApiProperty({ example: 60, minimum: 1, maximum: 24 * 60 }) @WholeNumber(1, 24 * 60) U2: number;
  @ApiProperty({ example: 180, minimum: 1, maximum: 48 * 60 }) @WholeNumber(1, 48 * 60) U3: number;
  @ApiProperty({ example: 1440, minimum: 1, maximum: 7 * 24 * 60 }) @WholeNumber(1, 7 * 24 * 60) U4: number;
  @ApiProperty({ example: '08:00', description: 'U5: own GP at this local time, next working day' })
  @Pattern(/^([01]\d|2[0-3]):[0-5]\d$/, 'tijd HH:mm')
  ownGpAt: string;
}

export class UpdateSettingsDto {
  @ApiProperty({ type: TargetsDto })
  @RequiredObject()
  @ValidateNested({ message: NOT_AN_OBJECT })
  @Type(() => TargetsDto)
  targets: TargetsDto;

  @ApiProperty({ description: 'Settings version the client saw', minimum: 1 })
  @WholeNumber(1)
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
  @ApiOkResponse({ type: SettingsDoc })
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
  @ApiOkResponse({ type: SettingsDoc })
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
  @ApiOkResponse({ type: [ProtocolVersionDoc] })
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
  @ApiOkResponse({ type: ActiveProtocolDoc })
  async active(@CurrentUser() user: AccessClaims, @Param('wachtpostId') wachtpostId: string) {
    assertWachtpost(user, wachtpostId);
    const v = await this.dataSource.transaction((tx) => this.settings.activeProtocol(tx, wachtpostId));
    return { id: v.id, version: v.version, code: v.code, definition: v.definition };
  }

  @Get('protocols/sample')
  @ApiOperation({
    summary: 'The sample protocol shipped with Permanentie: a starting point to edit and load',
  })
  @ApiOkResponse({ type: ProtocolDefinitionDoc })
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
  @ApiCreatedResponse({ type: LoadedProtocolDoc })
  @ApiBadRequestResponse({ type: ValidationErrorDoc, description: 'Every problem of the document, by path' })
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
  @ApiParam({ name: 'version', type: 'integer', description: 'Version number (GET .../protocols)' })
  @ApiOkResponse({ type: LoadedProtocolDoc })
  @ApiBadRequestResponse({ type: ValidationErrorDoc, description: 'version is not a whole number' })
  @ApiNotFoundResponse({ type: ErrorDoc })
  async activate(
    @CurrentUser() user: AccessClaims,
    @Param('wachtpostId') wachtpostId: string,
    @Param('version', intParam('version')) version: number,
  ) {
    assertWachtpost(user, wachtpostId);
    const v = await this.settings.activate(wachtpostId, version);
    return { id: v.id, version: v.version, code: v.code, active: true };
  }
}
