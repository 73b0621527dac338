/** Where the machine's real PostgreSQL and Redis are; override with TEST_PG_URL / TEST_REDIS_URL. */
export const PG_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function dbUrl(name: string): string {
  return `${PG_URL}/${name}`;
}
