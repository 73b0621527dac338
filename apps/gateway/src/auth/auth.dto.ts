import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ROLES, Role } from '@permanentie/contracts';

export class LoginDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}

export class SessionUser {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() displayName: string;
  @ApiPropertyOptional() wachtpostId?: string;
  @ApiPropertyOptional() kringId?: string;
  @ApiPropertyOptional() gpId?: string;
}

export class TokenResponse {
  @ApiProperty({ description: 'Bearer token for every service and the socket handshake' })
  accessToken: string;

  @ApiProperty({ description: 'Single use: /api/auth/refresh returns the next one' })
  refreshToken: string;

  @ApiProperty({ description: 'Seconds until the access token expires' })
  expiresIn: number;

  @ApiProperty({ type: SessionUser })
  user: SessionUser;
}
