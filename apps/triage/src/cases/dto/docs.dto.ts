import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, DISPOSITIONS, LANGUAGES, URGENCIES } from '@permanentie/contracts';
import { CASE_STATUSES } from '../case.decide';

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
