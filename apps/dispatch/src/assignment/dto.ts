import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DECLINE_REASONS, DeclineReason, Disposition, DISPOSITIONS } from '@permanentie/contracts';

export class DeclineDto {
  @ApiProperty({ enum: DECLINE_REASONS })
  @IsIn(DECLINE_REASONS)
  reasonCode: DeclineReason;
}

export class StartDto {
  @ApiProperty({ enum: ['en_route', 'consultation'] })
  @IsIn(['en_route', 'consultation'])
  mode: 'en_route' | 'consultation';
}

export class CompleteDto {
  @ApiProperty({ enum: DISPOSITIONS })
  @IsIn(DISPOSITIONS)
  disposition: Disposition;
}

export class ReassignDto {
  @ApiProperty({ description: 'GP who gets the case' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  gpId: string;

  @ApiProperty({ description: 'Reason code, e.g. gp_unreachable, closer_gp, patient_request' })
  @Matches(/^[a-z][a-z0-9_]{1,39}$/, { message: 'reasonCode: a code of lowercase letters, digits and _' })
  reasonCode: string;
}

export class SettingsDto {
  @ApiProperty({ description: 'Seconds a GP has to accept a U2 case', example: 120 })
  @IsInt()
  @Min(30)
  @Max(3600)
  acceptSecondsU2: number;

  @ApiProperty({ example: 300 })
  @IsInt()
  @Min(30)
  @Max(3600)
  acceptSecondsU3: number;

  @ApiProperty({ example: 900 })
  @IsInt()
  @Min(30)
  @Max(7200)
  acceptSecondsU4: number;

  @ApiProperty({ description: 'Open offers + held cases before a GP is skipped', example: 3 })
  @IsInt()
  @Min(1)
  @Max(100)
  maxOpenCases: number;

  @ApiProperty({ description: 'Dagwacht office hours start (local hour)', example: 8 })
  @IsInt()
  @Min(0)
  @Max(23)
  officeStartHour: number;

  @ApiProperty({ example: 19 })
  @IsInt()
  @Min(1)
  @Max(24)
  officeEndHour: number;
}
