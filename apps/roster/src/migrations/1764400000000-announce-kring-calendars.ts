import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Triage learns each kring's community holidays from roster.kring-calendar-changed; kringen
 * created before that event existed announce theirs once, through the outbox.
 */
export class AnnounceKringCalendars1764400000000 implements MigrationInterface {
  name = 'AnnounceKringCalendars1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO outbox (id, event_name, event_version, destinations, payload, occurred_at)
      SELECT gen_random_uuid(), 'roster.kring-calendar-changed', 1, '{triage}',
             jsonb_build_object('kringId', id, 'communityHolidays', COALESCE(settings->'communityHolidays', '[]'::jsonb)),
             now()
      FROM kring`);
  }

  async down(): Promise<void> {
    // Announcements cannot be taken back; nothing to undo.
  }
}
