import IORedis from 'ioredis';
import { Client } from 'pg';
import { dbUrl, REDIS_URL } from './env';

/** Drops the run's databases and Redis keys. Leftovers of crashed runs older than a day go too. */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.TEST_RUN_ID;
  if (!runId) return;
  const admin = new Client({ connectionString: dbUrl('postgres') });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2`,
    [`perm_t_${runId}_%`, `perm_tpl_${runId}`],
  );
  // Clones first, then the template.
  for (const { datname } of rows.sort(
    (a, b) => (a.datname.startsWith('perm_tpl') ? 1 : 0) - (b.datname.startsWith('perm_tpl') ? 1 : 0),
  )) {
    await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
  }
  await admin.end();
  const redis = new IORedis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `{t${runId}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}
