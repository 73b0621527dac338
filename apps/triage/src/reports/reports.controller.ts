import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { AccessClaims, assertWachtpost, CurrentUser, InvalidInput, Roles } from '@permanentie/platform';
import { DeliveryRunDoc, ErrorDoc, ReportListItemDoc, ValidationErrorDoc } from '../cases/dto/docs.dto';
import { OneOf, Text } from '../cases/dto/validators';
import { iso } from '../cases/case.views';
import { ContactReport, REPORT_STATES, ReportState } from './contact-report.entity';
import { ReportsService } from './reports.service';

export class ReportsQueryDto {
  @ApiPropertyOptional({ description: 'Only for admin (required then); default the dispatcher’s wachtpost' })
  @IsOptional()
  @Text(100)
  wachtpostId?: string;

  @ApiPropertyOptional({ enum: REPORT_STATES }) @IsOptional() @OneOf(REPORT_STATES) state?: ReportState;
}

@ApiTags('reports')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorDoc })
@ApiForbiddenResponse({ type: ErrorDoc })
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Roles('dispatcher', 'admin')
  @ApiOperation({
    summary: 'Contact reports and their delivery state (no content: see GET /cases/{id}/report)',
  })
  @ApiOkResponse({ type: [ReportListItemDoc] })
  @ApiBadRequestResponse({
    type: ValidationErrorDoc,
    description: 'Unknown state; admin without wachtpostId',
  })
  async list(@CurrentUser() user: AccessClaims, @Query() q: ReportsQueryDto) {
    const wachtpostId = q.wachtpostId ?? user.wachtpostId;
    if (!wachtpostId) throw new InvalidInput([{ field: 'wachtpostId', reason: 'verplicht voor admin' }]);
    assertWachtpost(user, wachtpostId);
    const rows = await this.dataSource.getRepository(ContactReport).find({
      where: { wachtpostId, ...(q.state ? { state: q.state } : {}) },
      order: { dueAt: 'ASC' },
      take: 500,
    });
    return rows.map((r) => ({
      id: r.id,
      caseId: r.caseId,
      recipientRiziv: r.recipientRiziv,
      dueAt: iso(r.dueAt),
      state: r.state,
      attempts: r.attempts,
      deliveredAt: iso(r.deliveredAt),
      late: r.deliveredAt ? r.deliveredAt > r.dueAt : false,
    }));
  }

  @Post('deliver')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Run the delivery job now (it also runs on a timer)' })
  @ApiOkResponse({ type: DeliveryRunDoc })
  deliver(): Promise<{ delivered: number; failed: number }> {
    return this.reports.deliverPending();
  }
}
