import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { dbUrl } from '@permanentie/testing';
import { dataSourceOptions, ensureDatabase, migrate } from './database';

class Slow1764000000000 implements MigrationInterface {
  name = 'Slow1764000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE things (id int PRIMARY KEY)');
    await q.query('SELECT pg_sleep(0.3)'); // widen the window in which a second instance could interfere
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE things');
  }
}

describe('migrations at boot', () => {
  it('creates the database and lets several instances migrate at once, each migration applied once', async () => {
    const name = `perm_t_${process.env.TEST_RUN_ID}_mig_${randomBytes(3).toString('hex')}`;
    const url = dbUrl(name);
    await Promise.all([ensureDatabase(url), ensureDatabase(url)]);
    const db = { schema: 'svc', entities: [], migrations: [Slow1764000000000] };
    const sources = [1, 2, 3].map(() => new DataSource(dataSourceOptions(url, db, 2)));
    await Promise.all(sources.map((s) => s.initialize()));
    try {
      await Promise.all(sources.map((s) => migrate(s, 'svc')));
      const check = new Client({ connectionString: url });
      await check.connect();
      const { rows } = await check.query('SELECT name FROM svc.migrations');
      await check.end();
      expect(rows).toEqual([{ name: 'Slow1764000000000' }]);
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
    }
  });
});
