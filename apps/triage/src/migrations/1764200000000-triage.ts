import { MigrationInterface, QueryRunner } from 'typeorm';

export class Triage1764200000000 implements MigrationInterface {
  name = 'Triage1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE protocol_versions (
        id uuid PRIMARY KEY,
        wachtpost_id text NOT NULL,
        version int NOT NULL,
        code text NOT NULL,
        definition jsonb NOT NULL,
        loaded_at timestamptz NOT NULL,
        loaded_by text NOT NULL,
        UNIQUE (wachtpost_id, version)
      )`);
    await q.query(`
      CREATE TABLE wachtpost_settings (
        wachtpost_id text PRIMARY KEY,
        targets jsonb NOT NULL,
        active_protocol_id uuid REFERENCES protocol_versions (id),
        version int NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE zones (
        zone_id text PRIMARY KEY,
        kring_id text NOT NULL,
        wachtpost_id text NOT NULL,
        postcodes text[] NOT NULL,
        overflow_zone_ids text[] NOT NULL,
        active boolean NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX zones_by_postcode ON zones USING gin (postcodes)`);
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        wachtpost_id text NOT NULL,
        version int NOT NULL,
        status text NOT NULL,
        channel text NOT NULL,
        received_at timestamptz NOT NULL,
        caller_name text,
        caller_phone text,
        caller_relation text NOT NULL,
        patient_name text NOT NULL,
        patient_birth_date date NOT NULL,
        patient_insz text,
        patient_phone text,
        patient_street text,
        patient_city text,
        postcode text NOT NULL,
        language text NOT NULL,
        own_gp_riziv text,
        own_gp_name text,
        zone_id text,
        protocol_version_id uuid REFERENCES protocol_versions (id),
        complaint_code text,
        answers jsonb,
        proposed_urgency text,
        proposed_disposition text,
        rule_index int,
        urgency text CHECK (urgency IN ('U1','U2','U3','U4','U5')),
        disposition text,
        override_reason text,
        overridden_by text,
        triaged_at timestamptz,
        revision int NOT NULL,
        due_at timestamptz NOT NULL,
        offered_gp_id text,
        offer_expires_at timestamptz,
        assigned_gp_id text,
        sla_breached_at timestamptz,
        escalated_at timestamptz,
        escalation_reason text,
        closed_at timestamptz,
        closing_note text,
        cancelled_at timestamptz,
        cancel_reason_code text,
        cancel_reason text,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT cases_idempotency UNIQUE (wachtpost_id, idempotency_key)
      )`);
    // The dispatcher's queue: open cases of one wachtpost, untriaged first, then by urgency and due time.
    await q.query(`
      CREATE INDEX cases_open_queue ON cases (wachtpost_id, urgency NULLS FIRST, due_at, received_at)
      WHERE status NOT IN ('closed', 'cancelled')`);
    await q.query(`
      CREATE TABLE case_history (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        at timestamptz NOT NULL,
        actor text NOT NULL,
        kind text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX case_history_by_case ON case_history (case_id, id)`);
    await q.query(`
      CREATE TABLE access_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        user_id text NOT NULL,
        role text NOT NULL,
        gp_id text,
        wachtpost_id text,
        case_id uuid NOT NULL,
        purpose text NOT NULL,
        action text NOT NULL
      )`);
    await q.query(`CREATE INDEX access_log_by_case ON access_log (case_id, id)`);
    // Append-only: patients have the right to know who read their record; nobody rewrites that.
    await q.query(`
      CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'access_log is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
      FOR EACH ROW EXECUTE FUNCTION access_log_append_only()`);
    await q.query(`
      CREATE TABLE contact_reports (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL UNIQUE REFERENCES cases (id),
        wachtpost_id text NOT NULL,
        recipient_riziv text,
        recipient_name text,
        language text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        state text NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        delivered_at timestamptz,
        last_error text
      )`);
    await q.query(`CREATE INDEX contact_reports_pending ON contact_reports (due_at) WHERE state = 'pending'`);
    // The working delivery channel: a mailbox table a GP's software (or the eHealthBox bridge) collects from.
    await q.query(`
      CREATE TABLE report_mailbox (
        id bigserial PRIMARY KEY,
        report_id uuid NOT NULL UNIQUE REFERENCES contact_reports (id),
        recipient_riziv text NOT NULL,
        recipient_name text,
        subject text NOT NULL,
        body text NOT NULL,
        delivered_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'report_mailbox',
      'contact_reports',
      'access_log',
      'case_history',
      'cases',
      'zones',
      'wachtpost_settings',
      'protocol_versions',
    ])
      await q.query(`DROP TABLE ${t}`);
    await q.query(`DROP FUNCTION access_log_append_only()`);
  }
}
