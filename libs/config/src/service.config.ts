import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

/**
 * Settings every service needs. Each field is an environment variable; its initialiser is the
 * default (documented in .env.example). A field initialised to undefined is required.
 */
export class ServiceConfig {
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/permanentie';

  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// URL' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /** BullMQ key prefix; wrapped in {} so every key of a queue hashes to one Redis Cluster slot. */
  @Matches(/^[a-zA-Z0-9_-]+$/, { message: 'only letters, digits, _ and -' })
  QUEUE_PREFIX: string = 'permanentie';

  /** Shared HMAC secret the gateway signs access tokens with and every service verifies. */
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  AUTH_TOKEN_SECRET: string = 'dev-only-secret-change-me-0123456789abcdef';

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: string = 'log';

  /** Comma-separated origins allowed by CORS. */
  @IsString()
  @IsOptional()
  CORS_ORIGINS: string = 'http://localhost:3000';

  /** Consumer concurrency per service instance. */
  @IsInt()
  @Min(1)
  @Max(256)
  BUS_CONCURRENCY: number = 16;

  /** Attempts before an event is parked as failed (visible at /admin/bus/failed). */
  @IsInt()
  @Min(1)
  @Max(50)
  BUS_ATTEMPTS: number = 8;

  @IsNotEmpty()
  NODE_ENV: string = 'development';
}
