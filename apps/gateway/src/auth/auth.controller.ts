import { Body, Controller, Get, HttpCode, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { AccessClaims, CurrentUser, Public } from '@permanentie/platform';
import { AccountsService } from '../accounts/accounts.service';
import { LoginDto, RefreshDto, SessionUser, TokenResponse } from './auth.dto';
import { AuthService, sessionUser } from './auth.service';
import { TooManyAttempts } from './login-limiter';

interface ClientRequest {
  ip?: string;
  socket: { remoteAddress?: string };
}
interface HeaderResponse {
  setHeader(name: string, value: string): void;
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Username + password -> a short-lived access token and a single-use refresh token. */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponse })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this account or address' })
  async login(
    @Body() dto: LoginDto,
    @Req() req: ClientRequest,
    @Res({ passthrough: true }) res: HeaderResponse,
  ): Promise<TokenResponse> {
    try {
      return await this.auth.login(dto.username, dto.password, req.ip ?? req.socket.remoteAddress ?? '?');
    } catch (e) {
      if (e instanceof TooManyAttempts) res.setHeader('Retry-After', String(e.retryAfterSeconds));
      throw e;
    }
  }

  /** Spends the refresh token and returns a new pair. A spent token used again ends the session. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponse })
  refresh(@Body() dto: RefreshDto): Promise<TokenResponse> {
    return this.auth.refresh(dto.refreshToken);
  }

  /** Ends the current session (refresh token dead, sockets closed). */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() user: AccessClaims): Promise<void> {
    await this.auth.logout(user.sid);
  }
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  constructor(private readonly accounts: AccountsService) {}

  /** Who the token belongs to, with role and scope. */
  @Get()
  @ApiOkResponse({ type: SessionUser })
  async me(@CurrentUser() user: AccessClaims): Promise<SessionUser> {
    const account = await this.accounts.get(user.sub);
    if (!account.active) throw new UnauthorizedException('Account bestaat niet (meer) / compte inconnu');
    return sessionUser(account);
  }
}
