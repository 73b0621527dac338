import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';

export interface HostPort {
  host: string;
  port: number;
}

/**
 * `host:port,host:port` (IPv6 as `[::1]:7000`; spaces around commas allowed) -> nodes; '' -> [].
 * Throws on anything else.
 */
export function parseHostPorts(value: string): HostPort[] {
  if (value.trim() === '') return [];
  return value.split(',').map((item) => {
    const m = /^\s*(\[[0-9a-fA-F:.]+\]|[^\s:,[\]]+):(\d{1,5})\s*$/.exec(item);
    const port = Number(m?.[2]);
    if (!m || port < 1 || port > 65535) throw new Error(`"${item.trim()}" is not host:port`);
    return { host: m[1].replace(/^\[(.*)\]$/, '$1'), port };
  });
}

const IsHostPortList = () =>
  ValidateBy({
    name: 'isHostPortList',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return false;
        try {
          parseHostPorts(value);
          return true;
        } catch {
          return false;
        }
      },
      defaultMessage: () => 'must be comma-separated host:port pairs',
    },
  });

const DEV_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

/** The development secret is public (it is in .env.example): production must set its own. */
const IsNotDevSecretInProduction = () =>
  ValidateBy({
    name: 'isNotDevSecretInProduction',
    validator: {
      validate: (value: unknown, args) =>
        value !== DEV_SECRET || (args?.object as ServiceConfig).NODE_ENV !== 'production',
      defaultMessage: () => 'must be set (not the development default) when NODE_ENV=production',
    },
  });

/**
 * Settings every service needs. Each field is an environment variable; its initialiser is the
 * default (documented in .env.example). A field initialised to undefined is required.
 */
export class ServiceConfig {
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/permanentie';

  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// URL' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /**
   * Redis Cluster seed nodes (`host:port,...`); empty: a single Redis at REDIS_URL. When set, the
   * bus connects to the cluster and takes only the user, password and TLS (rediss://) from REDIS_URL.
   */
  @IsHostPortList()
  REDIS_CLUSTER_NODES: string = '';

  /** Connections in the service's PostgreSQL pool (per instance). */
  @IsInt()
  @Min(1)
  DB_POOL_SIZE: number = 10;

  /** BullMQ key prefix; wrapped in {} so every key of a queue hashes to one Redis Cluster slot. */
  @Matches(/^[a-zA-Z0-9_-]+$/, { message: 'only letters, digits, _ and -' })
  QUEUE_PREFIX: string = 'permanentie';

  /** Shared HMAC secret the gateway signs access tokens with and every service verifies. */
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  @IsNotDevSecretInProduction()
  AUTH_TOKEN_SECRET: string = DEV_SECRET;

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
