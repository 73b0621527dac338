import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@permanentie/contracts';
import { SERVICE_CONFIG, ServiceConfig } from '@permanentie/config';
import { IS_PUBLIC, ROLES } from './decorators';
import { authenticateToken, bearerToken } from './authenticate';
import { AccessClaims, InvalidTokenError } from './token';

/**
 * Global guard: every route needs a valid access token unless marked @Public(). Token expiry is
 * judged by wall time, not the domain clock: freezing business time must not unlock old tokens.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; user?: AccessClaims }>();
    const token = bearerToken(req.headers['authorization']);
    if (!token) throw new UnauthorizedException('Aanmelden vereist / authentification requise');
    try {
      req.user = authenticateToken(token, this.config.AUTH_TOKEN_SECRET);
    } catch (e) {
      if (e instanceof InvalidTokenError) throw new UnauthorizedException(`Ongeldig token (${e.message})`);
      throw e;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(req.user.role))
      throw new ForbiddenException('Onvoldoende rechten / droits insuffisants');
    return true;
  }
}
