import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dbUrl } from './env';

/**
 * A fresh database for one test file, cloned from the run's migrated template. Returns its URL.
 * Dropped by the global teardown.
 */
export async function cloneTestDatabase(): Promise<string> {
  const runId = process.env.TEST_RUN_ID;
  const template = process.env.TEST_TEMPLATE_DB;
  if (!runId || !template) throw new Error('cloneTestDatabase needs jest globalSetup (TEST_RUN_ID)');
  const name = `perm_t_${runId}_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: dbUrl('postgres') });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (e) {
        // 55006: the template is busy being copied by another worker; wait a moment.
        if ((e as { code?: string }).code !== '55006' || attempt > 50) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  return dbUrl(name);
}

/** A queue prefix for one test file, inside the run's prefix (cleaned by the global teardown). */
export function testQueuePrefix(): string {
  return `t${process.env.TEST_RUN_ID}-${randomBytes(3).toString('hex')}`;
}
