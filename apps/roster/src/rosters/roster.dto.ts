import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { DUTY_ROLES, DutyRole } from '@permanentie/contracts';

const DATE = { strict: true, message: 'datum JJJJ-MM-DD' };

export class CreateRosterDto {
  @ApiProperty({ example: '2026-04-01' }) @IsISO8601(DATE) @Length(10, 10) from: string;
  @ApiProperty({ example: '2026-06-30' }) @IsISO8601(DATE) @Length(10, 10) to: string;
}

export class SolveDto {
  @ApiPropertyOptional({ default: 60 }) @IsOptional() @IsInt() @Min(1) @Max(600) timeLimitSeconds?: number;
}

export class AssignDto {
  @ApiProperty() @IsUUID() shiftId: string;
  @ApiProperty({ enum: DUTY_ROLES }) @IsIn(DUTY_ROLES) role: DutyRole;
  @ApiProperty() @IsUUID(undefined, { message: 'onbekende huisarts' }) gpId: string;
  @ApiPropertyOptional({ default: true, description: 'Keep this assignment when solving again' })
  @IsOptional()
  @IsBoolean()
  locked?: boolean;
  @ApiPropertyOptional({ description: 'The assignment this one replaces' })
  @IsOptional()
  @IsUUID()
  replacesAssignmentId?: string;
}

export class LockDto {
  @ApiProperty() @IsBoolean() locked: boolean;
}
