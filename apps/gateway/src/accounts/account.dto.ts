import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { Role, ROLES } from '@permanentie/contracts';

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const ID_REASON = { message: '$property: letters, digits, _ or - (max 64)' };

export class CreateAccountDto {
  @ApiProperty({ example: 'an.peeters' })
  @Matches(/^[a-z0-9._-]{3,64}$/i, { message: 'username: 3-64 letters, digits, . _ or -' })
  username: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ example: 'Dr. An Peeters' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  displayName: string;

  @ApiPropertyOptional({ description: 'Required for a dispatcher' })
  @ValidateIf((o: CreateAccountDto) => o.role === 'dispatcher' || o.wachtpostId !== undefined)
  @Matches(ID, ID_REASON)
  wachtpostId?: string;

  @ApiPropertyOptional({ description: 'Required for a planner; the kring of a GP' })
  @ValidateIf((o: CreateAccountDto) => o.role === 'planner' || o.kringId !== undefined)
  @Matches(ID, ID_REASON)
  kringId?: string;

  @ApiPropertyOptional({ description: 'Required for a GP: her GP record in the roster' })
  @ValidateIf((o: CreateAccountDto) => o.role === 'gp' || o.gpId !== undefined)
  @Matches(ID, ID_REASON)
  gpId?: string;
}

export class UpdateAccountDto {
  @ApiPropertyOptional({ description: 'false: the account can no longer log in; its sessions end' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minLength: 10, description: 'A new password; ends all sessions' })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  displayName?: string;
}

export class ListAccountsQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

export class AccountView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() displayName: string;
  @ApiPropertyOptional() wachtpostId?: string;
  @ApiPropertyOptional() kringId?: string;
  @ApiPropertyOptional() gpId?: string;
  @ApiProperty() active: boolean;
}
