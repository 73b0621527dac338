import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ServiceConfig } from '@permanentie/config';

/** The repository root (where package.json lives), from source or from dist/. */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(resolve(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export class GatewayConfig extends ServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  GATEWAY_PORT: number = 3000;

  /** Where the gateway forwards /api/roster/*, /api/triage/*, /api/dispatch/*. */
  @Matches(/^https?:\/\//, { message: 'must be an http(s):// URL' })
  ROSTER_URL: string = 'http://127.0.0.1:3001';

  @Matches(/^https?:\/\//, { message: 'must be an http(s):// URL' })
  TRIAGE_URL: string = 'http://127.0.0.1:3002';

  @Matches(/^https?:\/\//, { message: 'must be an http(s):// URL' })
  DISPATCH_URL: string = 'http://127.0.0.1:3003';

  /** Directory of the built console; index.html is served for unknown non-API GET paths. */
  @IsString()
  WEB_ROOT: string = resolve(repoRoot(), 'dist/web');

  /** Lifetime of an access token. Sockets are closed when theirs runs out. */
  @IsInt()
  @Min(30)
  @Max(3600)
  ACCESS_TOKEN_TTL_S: number = 600;

  /** Absolute lifetime of a session (its rotating refresh tokens): a long night shift. */
  @IsInt()
  @Min(60)
  REFRESH_TOKEN_TTL_S: number = 16 * 3600;

  /** Failed logins per account within the window before 429. */
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT: number = 5;

  /** Login attempts per client address within the window before 429. */
  @IsInt()
  @Min(1)
  LOGIN_MAX_PER_IP: number = 30;

  @IsInt()
  @Min(1)
  LOGIN_WINDOW_S: number = 900;

  /** How long to wait for a GP's screen to acknowledge an offer, and how many times to try. */
  @IsInt()
  @Min(50)
  OFFER_ACK_TIMEOUT_MS: number = 5000;

  @IsInt()
  @Min(1)
  @Max(20)
  OFFER_ACK_ATTEMPTS: number = 3;

  /** Creates this admin account at boot when no admin exists yet (empty: do not). */
  @IsString()
  @IsOptional()
  ADMIN_USERNAME: string = 'admin';

  @IsString()
  @IsOptional()
  ADMIN_PASSWORD: string = '';
}
