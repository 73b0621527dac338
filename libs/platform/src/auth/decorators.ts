import { createParamDecorator, ExecutionContext, ForbiddenException, SetMetadata } from '@nestjs/common';
import { Role } from '@permanentie/contracts';
import { AccessClaims } from './token';

export const IS_PUBLIC = 'permanentie:public';
export const ROLES = 'permanentie:roles';

/** The route needs no login (health, login, refresh). Everything else does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route (admin is not implied). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AccessClaims => {
  const req = ctx.switchToHttp().getRequest<{ user?: AccessClaims }>();
  if (!req.user) throw new Error('CurrentUser used on a public route');
  return req.user;
});

/** Scope checks: a dispatcher only her wachtpost, a planner only her kring, a GP only herself. */
export function assertWachtpost(user: AccessClaims, wachtpostId: string): void {
  if (user.role === 'admin') return;
  if (user.wachtpostId !== wachtpostId)
    throw new ForbiddenException('Buiten uw wachtpost / hors de votre poste');
}

export function assertKring(user: AccessClaims, kringId: string): void {
  if (user.role === 'admin') return;
  if (user.kringId !== kringId) throw new ForbiddenException('Buiten uw kring / hors de votre cercle');
}

export function assertGp(user: AccessClaims, gpId: string): void {
  if (user.role === 'admin') return;
  if (user.gpId !== gpId) throw new ForbiddenException('Niet uw dossier / pas votre dossier');
}
