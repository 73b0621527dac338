import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
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

export const READ_PURPOSES = ['triage', 'dispatch', 'care', 'report', 'audit', 'patient_request'] as const;
export type ReadPurpose = (typeof READ_PURPOSES)[number];

export class AddressDto {
  @ApiPropertyOptional({ example: 'Kerkstraat 12' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  street?: string;

  @ApiProperty({ example: '1000', description: 'Belgian postcode (must exist)' })
  @Matches(/^\d{4}$/, { message: 'postcode van 4 cijfers' })
  postcode: string;

  @ApiPropertyOptional({ example: 'Brussel' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  city?: string;
}

export class PatientDto {
  @ApiProperty({ example: 'Jan Peeters' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: '1985-04-12', description: 'YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'datum YYYY-MM-DD' })
  birthDate: string;

  @ApiPropertyOptional({ example: '85041200188', description: 'INSZ/NISS, validated by its check digits' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  insz?: string;

  @ApiPropertyOptional({ example: '+32470123456' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @ApiProperty({ type: AddressDto })
  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;

  @ApiProperty({ enum: LANGUAGES })
  @IsIn(LANGUAGES)
  language: Language;
}

export class CallerDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @ApiProperty({ enum: CALLER_RELATIONS })
  @IsIn(CALLER_RELATIONS)
  relation: CallerRelation;
}

export class OwnGpDto {
  @ApiPropertyOptional({ example: '10000150003', description: 'RIZIV/INAMI, validated' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  riziv?: string;

  @ApiPropertyOptional({ example: 'Dr. An Claes' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class CreateCaseDto {
  @ApiPropertyOptional({ description: 'Only for admin; a dispatcher creates in her own wachtpost' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  wachtpostId?: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiPropertyOptional({ description: 'When the call came in (ISO 8601); default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedAt?: string;

  @ApiProperty({ type: CallerDto })
  @ValidateNested()
  @Type(() => CallerDto)
  caller: CallerDto;

  @ApiProperty({ type: PatientDto })
  @ValidateNested()
  @Type(() => PatientDto)
  patient: PatientDto;

  @ApiPropertyOptional({ type: OwnGpDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OwnGpDto)
  ownGp?: OwnGpDto;
}

export class VersionedDto {
  @ApiProperty({ description: 'The case version the client saw; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version: number;
}

export class TriageCaseDto extends VersionedDto {
  @ApiProperty({ example: 'chest_pain' })
  @IsString()
  @MaxLength(64)
  complaintCode: string;

  @ApiProperty({
    example: { pressing_radiating: 'no', sweating_pale: 'no' },
    description: 'questionId -> option code',
  })
  @IsObject()
  answers: Record<string, string>;
}

export class OverrideTriageDto extends VersionedDto {
  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES)
  urgency: Urgency;

  @ApiProperty({ enum: DISPOSITIONS })
  @IsIn(DISPOSITIONS)
  disposition: Disposition;

  @ApiProperty({ description: 'Why the dispatcher departs from the protocol' })
  @IsString()
  @Length(3, 1000)
  reason: string;
}

export class EscalateCaseDto extends VersionedDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class CancelCaseDto extends VersionedDto {
  @ApiProperty({ enum: CANCEL_REASONS })
  @IsIn(CANCEL_REASONS)
  reasonCode: CancelReason;

  @ApiPropertyOptional({ description: 'Required when reasonCode is other' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class CloseCaseDto extends VersionedDto {
  @ApiProperty({ enum: DISPOSITIONS })
  @IsIn(DISPOSITIONS)
  disposition: Disposition;

  @ApiPropertyOptional({ description: 'What was done or advised; goes into the contact report' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class QueueQueryDto {
  @ApiPropertyOptional({ description: 'Only for admin; default the dispatcher’s wachtpost' })
  @IsOptional()
  @IsString()
  wachtpostId?: string;

  @ApiPropertyOptional({ description: 'Comma-separated statuses' })
  @IsOptional()
  @IsString()
  status?: string;

  @ApiPropertyOptional({ description: 'Comma-separated urgencies, e.g. U1,U2' })
  @IsOptional()
  @IsString()
  urgency?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  zoneId?: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ description: 'true: only cases past their time target' })
  @IsOptional()
  @IsIn(['true', 'false'])
  breached?: string;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  limit?: number;
}

export class ReadCaseQueryDto {
  @ApiPropertyOptional({ enum: READ_PURPOSES, description: 'Why the record is read (access log)' })
  @IsOptional()
  @IsIn(READ_PURPOSES)
  purpose?: ReadPurpose;
}
