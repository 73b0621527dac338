import { MigrationInterface, QueryRunner } from 'typeorm';

/** The community holidays each kring observes (from roster), for "the next working day". */
export class KringCalendar1764400000000 implements MigrationInterface {
  name = 'KringCalendar1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kring_calendar (
        kring_id text PRIMARY KEY,
        community_holidays text[] NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE kring_calendar`);
  }
}
