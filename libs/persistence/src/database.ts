import { Client } from 'pg';
import { DataSource, DataSourceOptions, MixedList } from 'typeorm';

/** One lock for every service's migrations, so instances booting together take turns. */
const MIGRATION_LOCK = 7_243_001;

export interface ServiceDatabase {
  /** PostgreSQL schema the service owns; nobody else reads or writes it. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/** `poolSize`: the service's validated DB_POOL_SIZE (see ServiceConfig). */
export function dataSourceOptions(url: string, db: ServiceDatabase, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    schema: db.schema,
    entities: db.entities,
    migrations: db.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    // Unqualified names in raw SQL (outbox, inbox) resolve to the service's own schema.
    extra: { options: `-c search_path=${db.schema}`, max: poolSize },
  };
}

/** Creates the schema and runs pending migrations while holding a cluster-wide advisory lock. */
export async function migrate(dataSource: DataSource, schema: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/** For a fresh machine: creates the database named in the URL when it does not exist. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((e: { code?: string }) => {
        // Created meanwhile by another instance: 42P04, or 23505 when both raced in the catalog.
        if (e.code !== '42P04' && e.code !== '23505') throw e;
      });
    }
  } finally {
    await client.end();
  }
}
