import { MigrationInterface, QueryRunner } from 'typeorm';

export class RosterTables1764100000000 implements MigrationInterface {
  name = 'RosterTables1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kring (
        id text PRIMARY KEY,
        name text NOT NULL,
        settings jsonb NOT NULL,
        version int NOT NULL DEFAULT 1
      );
      CREATE TABLE wachtpost (
        id text PRIMARY KEY,
        kring_id text NOT NULL REFERENCES kring(id),
        name text NOT NULL
      );
      CREATE TABLE zone (
        id text PRIMARY KEY,
        kring_id text NOT NULL REFERENCES kring(id),
        wachtpost_id text NOT NULL REFERENCES wachtpost(id),
        name text NOT NULL,
        postcodes text[] NOT NULL,
        overflow_zone_ids text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true
      );
      CREATE TABLE gp (
        id uuid PRIMARY KEY,
        kring_id text NOT NULL REFERENCES kring(id),
        riziv char(11) NOT NULL UNIQUE,
        name text NOT NULL,
        languages text[] NOT NULL,
        practice_postcode text NOT NULL,
        participation_factor double precision NOT NULL CHECK (participation_factor BETWEEN 0 AND 1),
        birth_year int NOT NULL,
        capabilities text[] NOT NULL DEFAULT '{}',
        exemptions jsonb NOT NULL DEFAULT '[]',
        active boolean NOT NULL DEFAULT true,
        calendar_token text NOT NULL
      );
      CREATE INDEX gp_kring ON gp (kring_id);
      CREATE TABLE gp_preference (
        id uuid PRIMARY KEY,
        gp_id uuid NOT NULL REFERENCES gp(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('unavailable', 'want', 'avoid')),
        from_date date NOT NULL,
        to_date date NOT NULL,
        duty_kind text NULL
      );
      CREATE INDEX gp_preference_gp ON gp_preference (gp_id);
      CREATE TABLE duty_template (
        id uuid PRIMARY KEY,
        kring_id text NOT NULL REFERENCES kring(id),
        zone_id text NOT NULL REFERENCES zone(id),
        kind text NOT NULL,
        start_time text NOT NULL,
        end_time text NOT NULL,
        end_day_offset int NOT NULL,
        days int[] NOT NULL,
        on_holiday text NOT NULL,
        need jsonb NOT NULL,
        weight double precision NOT NULL,
        requires text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true
      );
      CREATE TABLE roster (
        id uuid PRIMARY KEY,
        kring_id text NOT NULL REFERENCES kring(id),
        period_start date NOT NULL,
        period_end date NOT NULL,
        status text NOT NULL DEFAULT 'draft',
        published_at timestamptz NULL,
        version int NOT NULL DEFAULT 1
      );
      CREATE TABLE shift (
        id uuid PRIMARY KEY,
        roster_id uuid NOT NULL REFERENCES roster(id) ON DELETE CASCADE,
        kring_id text NOT NULL,
        zone_id text NOT NULL,
        template_id uuid NOT NULL,
        kind text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        minutes int NOT NULL,
        weight double precision NOT NULL,
        need jsonb NOT NULL,
        requires text[] NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        holiday text NULL
      );
      CREATE INDEX shift_roster ON shift (roster_id, starts_at);
      CREATE INDEX shift_kring_time ON shift (kring_id, starts_at);
      CREATE TABLE assignment (
        id uuid PRIMARY KEY,
        roster_id uuid NOT NULL REFERENCES roster(id) ON DELETE CASCADE,
        shift_id uuid NOT NULL REFERENCES shift(id) ON DELETE CASCADE,
        role text NOT NULL,
        gp_id uuid NOT NULL REFERENCES gp(id),
        locked boolean NOT NULL DEFAULT false,
        UNIQUE (shift_id, gp_id)
      );
      CREATE INDEX assignment_gp ON assignment (gp_id);
      CREATE INDEX assignment_roster ON assignment (roster_id);
      CREATE TABLE solve_run (
        id uuid PRIMARY KEY,
        roster_id uuid NOT NULL REFERENCES roster(id) ON DELETE CASCADE,
        kring_id text NOT NULL,
        status text NOT NULL,
        percent int NOT NULL DEFAULT 0,
        objective double precision NULL,
        time_limit_s int NOT NULL,
        cancel_requested boolean NOT NULL DEFAULT false,
        result jsonb NULL,
        created_at timestamptz NOT NULL,
        finished_at timestamptz NULL
      );
      CREATE UNIQUE INDEX solve_run_one_active ON solve_run (roster_id)
        WHERE status IN ('queued', 'building', 'solving', 'improving');
      CREATE TABLE swap (
        id uuid PRIMARY KEY,
        kring_id text NOT NULL,
        roster_id uuid NOT NULL REFERENCES roster(id) ON DELETE CASCADE,
        assignment_id uuid NOT NULL,
        offered_by uuid NOT NULL REFERENCES gp(id),
        taken_by uuid NULL REFERENCES gp(id),
        counter_assignment_id uuid NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        decided_at timestamptz NULL
      );
      CREATE INDEX swap_kring ON swap (kring_id, status);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE swap, solve_run, assignment, shift, roster, duty_template, gp_preference, gp, zone, wachtpost, kring`,
    );
  }
}
