import { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, sessions with rotating refresh tokens (hashed), and offers awaiting a GP's screen. */
export class Accounts1764100000000 implements MigrationInterface {
  name = 'Accounts1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account (
        id uuid PRIMARY KEY,
        username text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('dispatcher', 'gp', 'planner', 'admin')),
        display_name text NOT NULL,
        wachtpost_id text,
        kring_id text,
        gp_id text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (role <> 'dispatcher' OR wachtpost_id IS NOT NULL),
        CHECK (role <> 'gp' OR gp_id IS NOT NULL),
        CHECK (role <> 'planner' OR kring_id IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX account_username ON account (lower(username))`);
    await q.query(`
      CREATE TABLE session (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account (id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        last_refreshed_at timestamptz,
        revoked_at timestamptz,
        revoked_reason text
      )`);
    await q.query(`CREATE INDEX session_account ON session (account_id)`);
    await q.query(`
      CREATE TABLE refresh_token (
        token_hash text PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES session (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_token_session ON refresh_token (session_id)`);
    await q.query(`
      CREATE TABLE pending_offer (
        offer_id text PRIMARY KEY,
        gp_id text NOT NULL,
        case_id text NOT NULL,
        wachtpost_id text NOT NULL,
        urgency text NOT NULL,
        zone_id text NOT NULL,
        attempt int NOT NULL,
        expires_at timestamptz NOT NULL,
        offered_at timestamptz NOT NULL,
        acked_at timestamptz
      )`);
    await q.query(`CREATE INDEX pending_offer_gp ON pending_offer (gp_id, expires_at)`);
    await q.query(`CREATE INDEX pending_offer_case ON pending_offer (case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pending_offer`);
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE session`);
    await q.query(`DROP TABLE account`);
  }
}
