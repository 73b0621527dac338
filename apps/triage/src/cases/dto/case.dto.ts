import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import {
  CALLER_RELATIONS,
  CANCEL_REASONS,
  CHANNELS,
  DISPOSITIONS,
  LANGUAGES,
  URGENCIES,
} from '@permanentie/contracts';
import type {
  CallerRelation,
  CancelReason,
  Channel,
  Disposition,
  Language,
  Urgency,
} from '@permanentie/contracts';
import {
  BelgianPostcode,
  BirthDate,
  Insz,
  NOT_AN_OBJECT,
  OneOf,
  PairsWithUrgency,
  PlainObject,
  ReceivedAt,
  RequiredObject,
  Riziv,
  Text,
  WholeNumber,
} from './validators';

export const READ_PURPOSES = ['triage', 'dispatch', 'care', 'report', 'audit', 'patient_request'] as const;
export type ReadPurpose = (typeof READ_PURPOSES)[number];

/*
 * Every field has one rule that can fail (./validators), with a Dutch reason, so one 400 names
 * every bad field once: DTO problems and the checks on INSZ, postcode, RIZIV and dates alike.
 */

export class AddressDto {
  @ApiPropertyOptional({ example: 'Kerkstraat 12' })
  @IsOptional()
  @Text(200)
  street?: string;

  @ApiProperty({ example: '1000', description: 'Belgian postcode (must exist)' })
  @BelgianPostcode()
  postcode: string;

  @ApiPropertyOptional({ example: 'Brussel' })
  @IsOptional()
  @Text(100)
  city?: string;
}

export class PatientDto {
  @ApiProperty({ example: 'Jan Peeters' })
  @Text(200)
  name: string;

  @ApiProperty({ example: '1985-04-12', description: 'YYYY-MM-DD, not in the future, at most 130 years ago' })
  @BirthDate()
  birthDate: string;

  @ApiPropertyOptional({ example: '85041200188', description: 'INSZ/NISS, validated by its check digits' })
  @IsOptional()
  @Insz()
  insz?: string;

  @ApiPropertyOptional({ example: '+32470123456' })
  @IsOptional()
  @Text(40)
  phone?: string;

  @ApiProperty({ type: AddressDto })
  @RequiredObject()
  @ValidateNested({ message: NOT_AN_OBJECT })
  @Type(() => AddressDto)
  address: AddressDto;

  @ApiProperty({ enum: LANGUAGES })
  @OneOf(LANGUAGES)
  language: Language;
}

export class CallerDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Text(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Text(40)
  phone?: string;

  @ApiProperty({ enum: CALLER_RELATIONS })
  @OneOf(CALLER_RELATIONS)
  relation: CallerRelation;
}

export class OwnGpDto {
  @ApiPropertyOptional({ example: '10000150003', description: 'RIZIV/INAMI, validated by its check digits' })
  @IsOptional()
  @Riziv()
  riziv?: string;

  @ApiPropertyOptional({ example: 'Dr. An Claes' })
  @IsOptional()
  @Text(200)
  name?: string;
}

export class CreateCaseDto {
  @ApiPropertyOptional({ description: 'Only for admin; a dispatcher creates in her own wachtpost' })
  @IsOptional()
  @Text(100)
  wachtpostId?: string;

  @ApiProperty({ enum: CHANNELS })
  @OneOf(CHANNELS)
  channel: Channel;

  @ApiPropertyOptional({
    description: 'When the call came in (ISO 8601); default now. Not in the future, at most 2 days ago',
  })
  @IsOptional()
  @ReceivedAt()
  receivedAt?: string;

  @ApiProperty({ type: CallerDto })
  @RequiredObject()
  @ValidateNested({ message: NOT_AN_OBJECT })
  @Type(() => CallerDto)
  caller: CallerDto;

  @ApiProperty({ type: PatientDto })
  @RequiredObject()
  @ValidateNested({ message: NOT_AN_OBJECT })
  @Type(() => PatientDto)
  patient: PatientDto;

  @ApiPropertyOptional({ type: OwnGpDto })
  @IsOptional()
  @RequiredObject()
  @ValidateNested({ message: NOT_AN_OBJECT })
  @Type(() => OwnGpDto)
  ownGp?: OwnGpDto;
}

export class VersionedDto {
  @ApiProperty({ description: 'The case version the client saw; a stale one gets 409', minimum: 1 })
  @WholeNumber(1)
  version: number;
}

/** The dispatcher's own result instead of the protocol's, with the reason. */
export class TriageOverrideDto {
  @ApiProperty({ enum: URGENCIES })
  @OneOf(URGENCIES)
  urgency: Urgency;

  @ApiProperty({ enum: DISPOSITIONS, description: 'U1 goes with handed_to_112 and only with it' })
  @OneOf(DISPOSITIONS)
  @PairsWithUrgency()
  disposition: Disposition;

  @ApiProperty({ description: 'Why the dispatcher departs from the protocol', minLength: 3, maxLength: 1000 })
  @Text(1000, 3)
  reason: string;
}

export class TriageCaseDto extends VersionedDto {
  @ApiProperty({ example: 'chest_pain' })
  @Text(64)
  complaintCode: string;

  @ApiProperty({
    example: { pressing_radiating: 'no', sweating_pale: 'no' },
    description: 'questionId -> option code',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @PlainObject()
  answers: Record<string, string>;

  @ApiPropertyOptional({
    type: TriageOverrideDto,
    description:
      'Override the protocol in the same request: the protocol’s proposal is recorded, only this ' +
      'result is acted on (e.g. a proposed U1 the dispatcher downgrades never goes to 112).',
  })
  @IsOptional()
  @RequiredObject()
  @ValidateNested({ message: NOT_AN_OBJECT })
  @Type(() => TriageOverrideDto)
  override?: TriageOverrideDto;
}

export class OverrideTriageDto extends IntersectionType(VersionedDto, TriageOverrideDto) {}

export class EscalateCaseDto extends VersionedDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Text(1000)
  reason?: string;
}

export class CancelCaseDto extends VersionedDto {
  @ApiProperty({ enum: CANCEL_REASONS })
  @OneOf(CANCEL_REASONS)
  reasonCode: CancelReason;

  @ApiPropertyOptional({ description: 'Required when reasonCode is other', maxLength: 1000 })
  @IsOptional()
  @Text(1000)
  reason?: string;
}

export class CloseCaseDto extends VersionedDto {
  @ApiProperty({ enum: DISPOSITIONS })
  @OneOf(DISPOSITIONS)
  disposition: Disposition;

  @ApiPropertyOptional({
    description: 'What was done or advised; goes into the contact report',
    maxLength: 4000,
  })
  @IsOptional()
  @Text(4000)
  note?: string;
}

export class QueueQueryDto {
  @ApiPropertyOptional({ description: 'Only for admin; default the dispatcher’s wachtpost' })
  @IsOptional()
  @Text(100)
  wachtpostId?: string;

  @ApiPropertyOptional({ description: 'Comma-separated statuses' })
  @IsOptional()
  @Text(200)
  status?: string;

  @ApiPropertyOptional({ description: 'Comma-separated urgencies, e.g. U1,U2' })
  @IsOptional()
  @Text(50)
  urgency?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Text(100)
  zoneId?: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @OneOf(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only cases past their time target' })
  @IsOptional()
  @OneOf(['true', 'false'])
  breached?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @WholeNumber(1, 500)
  limit?: number;
}

export class ReadCaseQueryDto {
  @ApiPropertyOptional({ enum: READ_PURPOSES, description: 'Why the record is read (access log)' })
  @IsOptional()
  @OneOf(READ_PURPOSES)
  purpose?: ReadPurpose;
}
