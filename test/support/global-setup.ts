import './register-paths';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, migrate } from '@permanentie/persistence';
import { dbUrl } from './env';
import { ALL_DATABASES } from './migrations';

/**
 * Once per jest run: a template database with every service's migrations applied. Each test
 * file clones it (CREATE DATABASE ... TEMPLATE), so files never see each other's rows. The run
 * id also names the BullMQ prefix, so two runs on one machine never share a queue.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  process.env.TEST_RUN_ID = runId;
  const template = `perm_tpl_${runId}`;
  process.env.TEST_TEMPLATE_DB = template;
  const admin = new Client({ connectionString: dbUrl('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  for (const db of ALL_DATABASES) {
    const ds = new DataSource({ ...dataSourceOptions(dbUrl(template), db, 2), entities: [] });
    await ds.initialize();
    await migrate(ds, db.schema);
    await ds.destroy();
  }
}
