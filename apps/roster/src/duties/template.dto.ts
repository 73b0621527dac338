import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { DUTY_KINDS, DutyKind } from '@permanentie/contracts';
import { ON_HOLIDAY, OnHoliday } from './generate-shifts';

const TIME = { message: 'tijd HH:mm' };

export class NeedDto {
  @ApiProperty() @IsInt() @Min(1) @Max(10) first: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10) backup?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10) supervisor?: number;
}

export class TemplateDto {
  @ApiProperty({ enum: DUTY_KINDS }) @IsIn(DUTY_KINDS) kind: DutyKind;
  @ApiProperty({ example: 'paj-noord' }) @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/) zoneId: string;
  @ApiProperty({ example: '19:00' }) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, TIME) startTime: string;
  @ApiProperty({ example: '08:00' }) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, TIME) endTime: string;
  @ApiProperty({ description: 'Days after the start day on which it ends (1 for a night)', example: 1 })
  @IsInt()
  @Min(0)
  @Max(3)
  endDayOffset: number;
  @ApiProperty({ description: 'ISO weekdays the shift starts on, 1 = Monday', example: [1, 2, 3, 4] })
  @IsArray()
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  days: number[];
  @ApiProperty({ enum: ON_HOLIDAY }) @IsIn(ON_HOLIDAY) onHoliday: OnHoliday;
  @ApiProperty({ type: NeedDto }) @ValidateNested() @Type(() => NeedDto) need: NeedDto;
  @ApiProperty({ description: 'Fairness weight per hour', example: 1.5 })
  @IsNumber()
  @Min(0.1)
  @Max(10)
  weight: number;
  @ApiPropertyOptional({ example: ['home_visits'] })
  @IsOptional()
  @IsArray()
  @Matches(/^[a-z_]{2,40}$/, { each: true })
  requires?: string[];
}
