import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { COMMUNITY_HOLIDAYS, CommunityHoliday } from '@permanentie/domain';

/** Readable ids chosen by the planner: 'pajottenland', 'wp-pajottenland', 'paj-noord'. */
export const READABLE_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
const ID_REASON = { message: 'kleine letters, cijfers en -, 2 tot 63 tekens' };

export class WeightsDto {
  @ApiProperty() @IsNumber() @Min(0) @Max(1000) fairness: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(1000) wish: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(1000) spread: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(1000) rotation: number;
}

export class KringSettingsDto {
  @ApiPropertyOptional({ enum: COMMUNITY_HOLIDAYS, isArray: true })
  @IsOptional()
  @IsIn(COMMUNITY_HOLIDAYS, { each: true })
  communityHolidays?: CommunityHoliday[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean() swapNeedsApproval?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(48) minRestHours?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(14) maxShiftsPerWeek?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(40) @Max(100) ageHalfFrom?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(40) @Max(100) ageNoneFrom?: number;

  @ApiPropertyOptional({ type: WeightsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WeightsDto)
  weights?: WeightsDto;
}

export class CreateKringDto {
  @ApiProperty({ example: 'pajottenland' }) @Matches(READABLE_ID, ID_REASON) id: string;
  @ApiProperty({ example: 'HAK Pajottenland' }) @IsString() @Length(2, 120) name: string;

  @ApiPropertyOptional({ type: KringSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => KringSettingsDto)
  settings?: KringSettingsDto;
}

export class CreateWachtpostDto {
  @ApiProperty({ example: 'wp-pajottenland' }) @Matches(READABLE_ID, ID_REASON) id: string;
  @ApiProperty() @IsString() @Length(2, 120) name: string;
}

export class ZoneDto {
  @ApiProperty() @Matches(READABLE_ID, ID_REASON) wachtpostId: string;
  @ApiProperty() @IsString() @Length(2, 120) name: string;

  @ApiProperty({ example: ['1700', '1750'] })
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(/^\d{4}$/, { each: true, message: 'postcode van 4 cijfers' })
  postcodes: string[];

  @ApiProperty({ description: 'Zones to overflow to, in order', example: [] })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(READABLE_ID, { each: true, ...ID_REASON })
  overflowZoneIds: string[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}
