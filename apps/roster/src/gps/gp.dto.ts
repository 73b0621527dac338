import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { DUTY_KINDS, LANGUAGES } from '@permanentie/contracts';
import { EXEMPTION_REASONS, ExemptionReason, PREFERENCE_KINDS, PreferenceKind } from './gp.entity';

const DATE = { strict: true, message: 'datum JJJJ-MM-DD' };

export class ExemptionDto {
  @ApiProperty({ enum: EXEMPTION_REASONS }) @IsIn(EXEMPTION_REASONS) reason: ExemptionReason;
  @ApiProperty({ example: '2026-03-01' }) @IsISO8601(DATE) @Length(10, 10) from: string;
  @ApiProperty({ example: '2026-09-01' }) @IsISO8601(DATE) @Length(10, 10) to: string;
}

export class GpDto {
  @ApiProperty({ example: '10000000003', description: 'RIZIV/INAMI, 11 digits' })
  @Matches(/^\d{11}$/, { message: 'RIZIV-nummer van 11 cijfers' })
  riziv: string;

  @ApiProperty() @IsString() @Length(2, 120) name: string;

  @ApiProperty({ enum: LANGUAGES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(LANGUAGES, { each: true })
  languages: string[];

  @ApiProperty({ example: '1700' })
  @Matches(/^\d{4}$/, { message: 'postcode van 4 cijfers' })
  practicePostcode: string;

  @ApiProperty({ minimum: 0, maximum: 1 })
  @IsNumber()
  @Min(0, { message: 'participatiefactor tussen 0 en 1' })
  @Max(1, { message: 'participatiefactor tussen 0 en 1' })
  participationFactor: number;

  @ApiProperty({ example: 1980 }) @IsInt() @Min(1930) @Max(2010) birthYear: number;

  @ApiProperty({ example: ['home_visits', 'supervisor'] })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z_]{2,40}$/, { each: true, message: 'code in kleine letters' })
  capabilities: string[];

  @ApiPropertyOptional({ type: [ExemptionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ExemptionDto)
  exemptions?: ExemptionDto[];
}

export class PreferenceDto {
  @ApiProperty({ enum: PREFERENCE_KINDS }) @IsIn(PREFERENCE_KINDS) kind: PreferenceKind;
  @ApiProperty({ example: '2026-07-01' }) @IsISO8601(DATE) @Length(10, 10) from: string;
  @ApiProperty({ example: '2026-07-15' }) @IsISO8601(DATE) @Length(10, 10) to: string;
  @ApiPropertyOptional({ enum: DUTY_KINDS, description: 'Only for this kind of duty' })
  @IsOptional()
  @IsIn(DUTY_KINDS)
  dutyKind?: string;
}
