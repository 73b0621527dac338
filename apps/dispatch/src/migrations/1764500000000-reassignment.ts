import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every manual reassign, whether or not the case had a live offer or holder at the time (an
 * alarmed case waiting for nobody is the common one): who moved it, from whom, to whom, why, when.
 * Ids and codes only; append-only.
 */
export class Reassignment1764500000000 implements MigrationInterface {
  name = 'Reassignment1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reassignment (
        reassignment_id uuid PRIMARY KEY,
        case_id text NOT NULL REFERENCES dispatch_case (case_id),
        wachtpost_id text NOT NULL,
        case_status text NOT NULL,
        alarm_code text,
        from_gp_id text,
        from_offer_id uuid REFERENCES offer (offer_id),
        to_gp_id text NOT NULL,
        to_offer_id uuid NOT NULL REFERENCES offer (offer_id),
        reason_code text NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX reassignment_case ON reassignment (case_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reassignment`);
  }
}
