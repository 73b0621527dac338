import { QueryRunner } from 'typeorm';

/** Outbox and inbox of one service, in its own schema. Call from the service's first migration. */
export async function createBusTables(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE TABLE outbox (
      seq bigserial PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      event_name text NOT NULL,
      event_version int NOT NULL,
      destinations text[] NOT NULL,
      payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL,
      relayed_at timestamptz
    )`);
  await q.query(`CREATE INDEX outbox_pending ON outbox (seq) WHERE relayed_at IS NULL`);
  await q.query(`
    CREATE TABLE inbox (
      event_id uuid PRIMARY KEY,
      event_name text NOT NULL,
      handled_at timestamptz NOT NULL DEFAULT now()
    )`);
}

export async function dropBusTables(q: QueryRunner): Promise<void> {
  await q.query(`DROP TABLE inbox`);
  await q.query(`DROP TABLE outbox`);
}
