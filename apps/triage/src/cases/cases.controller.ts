import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AccessClaims, CurrentUser, InvalidInput, Roles } from '@permanentie/platform';
import {
  CancelCaseCommand,
  CloseCaseCommand,
  CreateCaseCommand,
  CreateResult,
  EscalateCaseCommand,
  OverrideTriageCommand,
  TriageCaseCommand,
} from './case.commands';
import { CaseRecord } from './case.entity';
import { caseSummary, CaseSummary } from './case.views';
import { CasesReader } from './cases.reader';
import {
  CancelCaseDto,
  CloseCaseDto,
  CreateCaseDto,
  EscalateCaseDto,
  OverrideTriageDto,
  QueueQueryDto,
  ReadCaseQueryDto,
  TriageCaseDto,
} from './dto/case.dto';
import {
  AccessLogEntryDoc,
  CaseDetailsDoc,
  CaseReportDoc,
  CaseSummaryDoc,
  ErrorDoc,
  ValidationErrorDoc,
} from './dto/docs.dto';
import { uuidParam } from './dto/validators';

/** The case id in the path: a uuid, else 400; documented as such. */
const CaseId = (): ParameterDecorator => (target, key, index) => {
  Param('id', uuidParam('id'))(target, key, index);
  const method = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
  if (key !== undefined && method)
    ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })(target, key, method);
};

@ApiTags('cases')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorDoc, description: 'No or invalid access token' })
@ApiForbiddenResponse({ type: ErrorDoc, description: 'Wrong role or outside your wachtpost' })
@Controller()
export class CasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: CasesReader,
  ) {}

  @Post('cases')
  @Roles('dispatcher', 'admin')
  @ApiOperation({
    summary: 'Record a call as a case (idempotent)',
    description:
      'Same Idempotency-Key + same body: the same case again (200, Idempotent-Replayed: true). ' +
      'Same key, different body: 422. Patient data is not echoed back.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Unique per submit, 8-200 chars' })
  @ApiCreatedResponse({ type: CaseSummaryDoc })
  @ApiOkResponse({ type: CaseSummaryDoc, description: 'Replay of an earlier submit with the same key' })
  @ApiBadRequestResponse({ type: ValidationErrorDoc, description: 'INSZ, postcode, RIZIV, fields...' })
  @ApiUnprocessableEntityResponse({ type: ValidationErrorDoc, description: 'Key reused with another body' })
  async create(
    @CurrentUser() user: AccessClaims,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: CreateCaseDto,
    @Res({ passthrough: true }) res: { status(n: number): unknown; setHeader(k: string, v: string): unknown },
  ): Promise<CaseSummary> {
    const errors = [];
    if (!key || key.length < 8 || key.length > 200)
      errors.push({ field: 'Idempotency-Key', reason: 'header verplicht (8-200 tekens)' });
    const wachtpostId = user.role === 'admin' ? body.wachtpostId : user.wachtpostId;
    if (!wachtpostId) errors.push({ field: 'wachtpostId', reason: 'verplicht' });
    else if (user.role !== 'admin' && body.wachtpostId && body.wachtpostId !== user.wachtpostId)
      errors.push({ field: 'wachtpostId', reason: 'niet uw wachtpost' });
    if (errors.length > 0) throw new InvalidInput(errors);
    const result = await this.commands.execute<CreateCaseCommand, CreateResult>(
      new CreateCaseCommand(user, wachtpostId as string, key as string, body),
    );
    if (result.replayed) {
      res.status(200);
      res.setHeader('Idempotent-Replayed', 'true');
    }
    return caseSummary(result.record);
  }

  @Get('queue')
  @Roles('dispatcher', 'admin')
  @ApiOperation({ summary: 'Open cases of a wachtpost: untriaged first, then urgency, then due time' })
  @ApiOkResponse({ type: [CaseSummaryDoc] })
  @ApiBadRequestResponse({ type: ValidationErrorDoc })
  queue(@CurrentUser() user: AccessClaims, @Query() q: QueueQueryDto): Promise<CaseSummary[]> {
    return this.reader.queue(user, q);
  }

  @Get('cases/:id')
  @Roles('dispatcher', 'gp', 'admin')
  @ApiOperation({
    summary: 'The case with its patient data (writes the access log)',
    description: 'A GP only for a case offered to her (offer not expired) or held by her.',
  })
  @ApiOkResponse({ type: CaseDetailsDoc, description: 'Case, caller, patient, own GP, answers, history' })
  @ApiBadRequestResponse({ type: ValidationErrorDoc, description: 'id not a uuid, unknown purpose' })
  @ApiNotFoundResponse({ type: ErrorDoc })
  details(@CurrentUser() user: AccessClaims, @CaseId() id: string, @Query() q: ReadCaseQueryDto) {
    return this.reader.details(user, id, q.purpose);
  }

  @Get('cases/:id/access-log')
  @Roles('dispatcher', 'admin')
  @ApiOperation({ summary: 'Who read this case, when and why' })
  @ApiOkResponse({ type: [AccessLogEntryDoc] })
  @ApiBadRequestResponse({ type: ValidationErrorDoc, description: 'id not a uuid' })
  @ApiNotFoundResponse({ type: ErrorDoc })
  accessLog(@CurrentUser() user: AccessClaims, @CaseId() id: string) {
    return this.reader.accessLog(user, id);
  }

  @Get('cases/:id/report')
  @Roles('dispatcher', 'admin')
  @ApiOperation({ summary: 'The contact report of a closed case (writes the access log)' })
  @ApiOkResponse({ type: CaseReportDoc })
  @ApiBadRequestResponse({ type: ValidationErrorDoc, description: 'id not a uuid, unknown purpose' })
  @ApiNotFoundResponse({ type: ErrorDoc, description: 'Unknown case, or not closed yet' })
  report(@CurrentUser() user: AccessClaims, @CaseId() id: string, @Query() q: ReadCaseQueryDto) {
    return this.reader.report(user, id, q.purpose);
  }

  @Post('cases/:id/triage')
  @HttpCode(200)
  @Roles('dispatcher', 'admin')
  @ApiOperation({
    summary: 'Triage with the wachtpost’s active protocol, optionally overridden in the same request',
    description:
      'U1 goes to 112 at once; consultation/home visit waits for a GP; the rest is advice. With ' +
      '`override` the protocol’s result is recorded as the proposal (proposedUrgency/Disposition) ' +
      'and only the override is acted on: one CaseTriaged, CaseEscalatedTo112 or advice event.',
  })
  @ApiOkResponse({ type: CaseSummaryDoc })
  @ApiBadRequestResponse({
    type: ValidationErrorDoc,
    description: 'Unknown complaint, missing or invalid answer; override without reason or U1/112 mismatch',
  })
  @ApiConflictResponse({ type: ErrorDoc, description: 'Stale version or not allowed in this status' })
  @ApiNotFoundResponse({ type: ErrorDoc })
  async triage(
    @CurrentUser() user: AccessClaims,
    @CaseId() id: string,
    @Body() body: TriageCaseDto,
  ): Promise<CaseSummary> {
    return caseSummary(
      await this.commands.execute<TriageCaseCommand, CaseRecord>(new TriageCaseCommand(user, id, body)),
    );
  }

  @Post('cases/:id/override')
  @HttpCode(200)
  @Roles('dispatcher', 'admin')
  @ApiOperation({ summary: 'Override the protocol’s result, with a reason (until a GP accepted)' })
  @ApiOkResponse({ type: CaseSummaryDoc })
  @ApiBadRequestResponse({ type: ValidationErrorDoc })
  @ApiConflictResponse({ type: ErrorDoc })
  @ApiNotFoundResponse({ type: ErrorDoc })
  async override(
    @CurrentUser() user: AccessClaims,
    @CaseId() id: string,
    @Body() body: OverrideTriageDto,
  ): Promise<CaseSummary> {
    return caseSummary(
      await this.commands.execute<OverrideTriageCommand, CaseRecord>(
        new OverrideTriageCommand(user, id, body),
      ),
    );
  }

  @Post('cases/:id/escalate-112')
  @HttpCode(200)
  @Roles('dispatcher', 'admin')
  @ApiOperation({ summary: 'Hand an open case to 112 now' })
  @ApiOkResponse({ type: CaseSummaryDoc })
  @ApiBadRequestResponse({ type: ValidationErrorDoc })
  @ApiConflictResponse({ type: ErrorDoc })
  @ApiNotFoundResponse({ type: ErrorDoc })
  async escalate(
    @CurrentUser() user: AccessClaims,
    @CaseId() id: string,
    @Body() body: EscalateCaseDto,
  ): Promise<CaseSummary> {
    return caseSummary(
      await this.commands.execute<EscalateCaseCommand, CaseRecord>(new EscalateCaseCommand(user, id, body)),
    );
  }

  @Post('cases/:id/cancel')
  @HttpCode(200)
  @Roles('dispatcher', 'admin')
  @ApiOperation({ summary: 'Cancel an open case with a reason' })
  @ApiOkResponse({ type: CaseSummaryDoc })
  @ApiBadRequestResponse({ type: ValidationErrorDoc })
  @ApiConflictResponse({ type: ErrorDoc })
  @ApiNotFoundResponse({ type: ErrorDoc })
  async cancel(
    @CurrentUser() user: AccessClaims,
    @CaseId() id: string,
    @Body() body: CancelCaseDto,
  ): Promise<CaseSummary> {
    return caseSummary(
      await this.commands.execute<CancelCaseCommand, CaseRecord>(new CancelCaseCommand(user, id, body)),
    );
  }

  @Post('cases/:id/close')
  @HttpCode(200)
  @Roles('dispatcher', 'admin')
  @ApiOperation({
    summary: 'Close a triaged case with the disposition it ended as; writes the contact report',
  })
  @ApiOkResponse({ type: CaseSummaryDoc })
  @ApiBadRequestResponse({ type: ValidationErrorDoc })
  @ApiConflictResponse({ type: ErrorDoc })
  @ApiNotFoundResponse({ type: ErrorDoc })
  async close(
    @CurrentUser() user: AccessClaims,
    @CaseId() id: string,
    @Body() body: CloseCaseDto,
  ): Promise<CaseSummary> {
    return caseSummary(
      await this.commands.execute<CloseCaseCommand, CaseRecord>(new CloseCaseCommand(user, id, body)),
    );
  }
}
