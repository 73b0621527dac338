import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CALLER_RELATIONS,
  CHANNELS,
  DISPOSITIONS,
  LANGUAGES,
  ROLES,
  URGENCIES,
} from '@permanentie/contracts';
import { REPORT_STATES } from '../../reports/contact-report.entity';
import { CASE_STATUSES } from '../case.decide';
import { READ_PURPOSES } from './case.dto';

/** Response shapes, for the OpenAPI document only. */
export class FieldErrorDoc {
  @ApiProperty({ example: 'patient.insz' }) field: string;
  @ApiProperty({ example: 'INSZ ongeldig (controlecijfers kloppen niet)' }) reason: string;
}

export class ErrorDoc {
  @ApiProperty({ example: 409 }) statusCode: number;
  @ApiProperty({ example: 'Conflict' }) error: string;
  @ApiProperty({ example: 'Gewijzigd door iemand anders; herlaad' }) message: string;
}

export class ValidationErrorDoc extends ErrorDoc {
  @ApiProperty({ type: [FieldErrorDoc] }) errors: FieldErrorDoc[];
}

export class CaseSummaryDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() wachtpostId: string;
  @ApiProperty({ description: 'Send it back with the next command' }) version: number;
  @ApiProperty({ enum: CASE_STATUSES }) status: string;
  @ApiProperty({ enum: CHANNELS }) channel: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty() postcode: string;
  @ApiPropertyOptional({ nullable: true }) zoneId: string | null;
  @ApiProperty({ enum: LANGUAGES }) language: string;
  @ApiPropertyOptional({ nullable: true }) protocolVersionId: string | null;
  @ApiPropertyOptional({ nullable: true }) complaintCode: string | null;
  @ApiPropertyOptional({ enum: URGENCIES, nullable: true }) proposedUrgency: string | null;
  @ApiPropertyOptional({ enum: DISPOSITIONS, nullable: true }) proposedDisposition: string | null;
  @ApiPropertyOptional({ enum: URGENCIES, nullable: true }) urgency: string | null;
  @ApiPropertyOptional({ enum: DISPOSITIONS, nullable: true }) disposition: string | null;
  @ApiProperty() overridden: boolean;
  @ApiProperty({ description: 'Raised by each triage that (re)offers the case to GPs' }) revision: number;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiPropertyOptional({ nullable: true }) offeredGpId: string | null;
  @ApiPropertyOptional({ nullable: true }) assignedGpId: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) slaBreachedAt: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) escalatedAt: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) closedAt: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) cancelledAt: string | null;
  @ApiPropertyOptional({ nullable: true }) cancelReasonCode: string | null;
}

/** Mirrors case.views caseDetails + history: the case with its patient data (access-logged). */
export class CallerDoc {
  @ApiPropertyOptional({ nullable: true }) name: string | null;
  @ApiPropertyOptional({ nullable: true }) phone: string | null;
  @ApiProperty({ enum: CALLER_RELATIONS }) relation: string;
}

export class AddressDoc {
  @ApiPropertyOptional({ nullable: true }) street: string | null;
  @ApiProperty() postcode: string;
  @ApiPropertyOptional({ nullable: true }) city: string | null;
}

export class PatientDoc {
  @ApiProperty() name: string;
  @ApiProperty({ example: '1985-04-12' }) birthDate: string;
  @ApiPropertyOptional({ nullable: true }) insz: string | null;
  @ApiPropertyOptional({ nullable: true }) phone: string | null;
  @ApiProperty({ type: AddressDoc }) address: AddressDoc;
  @ApiProperty({ enum: LANGUAGES }) language: string;
}

export class OwnGpDoc {
  @ApiPropertyOptional({ nullable: true }) riziv: string | null;
  @ApiPropertyOptional({ nullable: true }) name: string | null;
}

export class HistoryEntryDoc {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'dispatcher:disp-anna' }) actor: string;
  @ApiProperty({ example: 'triaged' }) kind: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
}

export class CaseDetailsDoc extends CaseSummaryDoc {
  @ApiProperty({ type: CallerDoc }) caller: CallerDoc;
  @ApiProperty({ type: PatientDoc }) patient: PatientDoc;
  @ApiProperty({ type: OwnGpDoc }) ownGp: OwnGpDoc;
  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'questionId -> option code',
  })
  answers: Record<string, string> | null;
  @ApiPropertyOptional({
    nullable: true,
    description: 'Index of the protocol rule that fired; null: otherwise',
  })
  ruleIndex: number | null;
  @ApiPropertyOptional({ nullable: true }) overrideReason: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'dispatcher:disp-anna' }) overriddenBy: string | null;
  @ApiPropertyOptional({ nullable: true }) escalationReason: string | null;
  @ApiPropertyOptional({ nullable: true }) closingNote: string | null;
  @ApiPropertyOptional({ nullable: true }) cancelReason: string | null;
  @ApiProperty({ type: [HistoryEntryDoc] }) history: HistoryEntryDoc[];
}

export class AccessLogEntryDoc {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() userId: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiPropertyOptional({ nullable: true }) gpId: string | null;
  @ApiProperty({ enum: READ_PURPOSES }) purpose: string;
  @ApiProperty({ example: 'read_case', enum: ['read_case', 'read_report'] }) action: string;
}

export class CaseReportDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiPropertyOptional({ nullable: true }) recipientRiziv: string | null;
  @ApiPropertyOptional({ nullable: true }) recipientName: string | null;
  @ApiProperty({ enum: ['nl', 'fr', 'en'] }) language: string;
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'The report as sent to the own GP (plain text)' }) body: string;
  @ApiProperty({ format: 'date-time', description: '08:00 the next working day' }) dueAt: string;
  @ApiProperty({ enum: REPORT_STATES }) state: string;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) deliveredAt: string | null;
}

export class ReportListItemDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiPropertyOptional({ nullable: true }) recipientRiziv: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ enum: REPORT_STATES }) state: string;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) deliveredAt: string | null;
  @ApiProperty({ description: 'Delivered after its due time' }) late: boolean;
}

export class DeliveryRunDoc {
  @ApiProperty() delivered: number;
  @ApiProperty() failed: number;
}
