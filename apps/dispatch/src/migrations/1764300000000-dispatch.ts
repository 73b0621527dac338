import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dispatch's own tables: the on-duty read model (fed only by roster events), the cases it is
 * routing, their offers, and per-wachtpost settings. "Never two owners" lives here: at most one
 * live offer-or-hold per case (partial unique index on offer).
 */
export class Dispatch1764300000000 implements MigrationInterface {
  name = 'Dispatch1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE zone (
        zone_id text PRIMARY KEY,
        kring_id text NOT NULL,
        wachtpost_id text NOT NULL,
        postcodes text[] NOT NULL,
        overflow_zone_ids text[] NOT NULL,
        active boolean NOT NULL
      )`);
    await q.query(`
      CREATE TABLE gp (
        gp_id text PRIMARY KEY,
        kring_id text NOT NULL,
        languages text[] NOT NULL,
        practice_postcode text NOT NULL,
        capabilities text[] NOT NULL,
        active boolean NOT NULL
      )`);
    await q.query(`
      CREATE TABLE duty (
        assignment_id text PRIMARY KEY,
        shift_id text NOT NULL,
        kring_id text NOT NULL,
        zone_id text NOT NULL,
        duty_kind text NOT NULL,
        role text NOT NULL,
        gp_id text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX duty_zone_time ON duty (zone_id, ends_at)`);
    await q.query(`CREATE INDEX duty_gp ON duty (gp_id)`);
    await q.query(`
      CREATE TABLE wachtpost_settings (
        wachtpost_id text PRIMARY KEY,
        accept_u2_s int NOT NULL DEFAULT 120,
        accept_u3_s int NOT NULL DEFAULT 300,
        accept_u4_s int NOT NULL DEFAULT 900,
        max_open_cases int NOT NULL DEFAULT 3,
        office_start_hour int NOT NULL DEFAULT 8,
        office_end_hour int NOT NULL DEFAULT 19,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE dispatch_case (
        case_id text PRIMARY KEY,
        wachtpost_id text NOT NULL,
        zone_id text,
        routed_zone_id text,
        reroute_reason text,
        urgency text NOT NULL,
        channel text NOT NULL,
        disposition text NOT NULL,
        language text NOT NULL,
        postcode text NOT NULL,
        received_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        warn_at timestamptz NOT NULL,
        revision int NOT NULL,
        status text NOT NULL,
        holder_gp_id text,
        attempt int NOT NULL DEFAULT 0,
        alarm_code text,
        alarm_at timestamptz,
        retry_at timestamptz,
        sla_state text NOT NULL DEFAULT 'running',
        end_reason text,
        triaged_event_at timestamptz,
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL
      )`);
    // A case that left before (or without) being triaged here: a late case-triaged is ignored.
    await q.query(
      `CREATE TABLE ended_case (case_id text PRIMARY KEY, reason text NOT NULL, at timestamptz NOT NULL)`,
    );
    await q.query(`CREATE INDEX case_waiting ON dispatch_case (retry_at) WHERE status = 'waiting'`);
    await q.query(`CREATE INDEX case_sla ON dispatch_case (warn_at, due_at) WHERE sla_state <> 'done'`);
    await q.query(`CREATE INDEX case_wachtpost ON dispatch_case (wachtpost_id, status)`);
    await q.query(`
      CREATE TABLE offer (
        offer_id uuid PRIMARY KEY,
        case_id text NOT NULL REFERENCES dispatch_case (case_id),
        gp_id text NOT NULL,
        zone_id text,
        attempt int NOT NULL,
        status text NOT NULL,
        offered_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        reason_code text,
        CHECK (status IN ('open', 'held', 'declined', 'expired', 'withdrawn', 'done'))
      )`);
    // Never two owners: one live offer-or-hold per case, whatever the number of instances.
    await q.query(
      `CREATE UNIQUE INDEX offer_one_live_per_case ON offer (case_id) WHERE status IN ('open', 'held')`,
    );
    await q.query(`CREATE INDEX offer_open_expiry ON offer (expires_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX offer_live_gp ON offer (gp_id) WHERE status IN ('open', 'held')`);
    await q.query(`CREATE INDEX offer_case ON offer (case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['offer', 'ended_case', 'dispatch_case', 'wachtpost_settings', 'duty', 'gp', 'zone']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
