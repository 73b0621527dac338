import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BusEvent, KringCalendarChanged, PayloadOf, ZoneChanged } from '@permanentie/contracts';
import { HandlesEvent } from '@permanentie/bus';

/**
 * Keeps triage's read models of the roster in step: postcode -> zone, and each kring's community
 * holidays. Older news never wins.
 */
@Injectable()
export class ZonesConsumer {
  @HandlesEvent(ZoneChanged)
  async zoneChanged(event: BusEvent<PayloadOf<typeof ZoneChanged>>, tx: EntityManager): Promise<void> {
    const z = event.payload;
    await tx.query(
      `INSERT INTO zones (zone_id, kring_id, wachtpost_id, postcodes, overflow_zone_ids, active, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (zone_id) DO UPDATE SET kring_id = EXCLUDED.kring_id, wachtpost_id = EXCLUDED.wachtpost_id,
         postcodes = EXCLUDED.postcodes, overflow_zone_ids = EXCLUDED.overflow_zone_ids,
         active = EXCLUDED.active, changed_at = EXCLUDED.changed_at
       WHERE zones.changed_at <= EXCLUDED.changed_at`,
      [z.zoneId, z.kringId, z.wachtpostId, z.postcodes, z.overflowZoneIds, z.active, event.occurredAt],
    );
  }

  @HandlesEvent(KringCalendarChanged)
  async kringCalendarChanged(
    event: BusEvent<PayloadOf<typeof KringCalendarChanged>>,
    tx: EntityManager,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO kring_calendar (kring_id, community_holidays, changed_at) VALUES ($1, $2, $3)
       ON CONFLICT (kring_id) DO UPDATE SET community_holidays = EXCLUDED.community_holidays,
         changed_at = EXCLUDED.changed_at
       WHERE kring_calendar.changed_at <= EXCLUDED.changed_at`,
      [event.payload.kringId, event.payload.communityHolidays, event.occurredAt],
    );
  }
}
