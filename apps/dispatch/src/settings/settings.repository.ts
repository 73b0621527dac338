import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AcceptanceTimes } from '../assignment/case-rules';

export interface WachtpostSettings {
  wachtpostId: string;
  /** Seconds a GP has to accept an offer, per urgency. */
  acceptSeconds: AcceptanceTimes;
  /** Open offers + held cases a GP may have before she is skipped. */
  maxOpenCases: number;
  /** Dagwacht office hours on weekdays, local time [start, end). */
  officeHours: { start: number; end: number };
}

export const DEFAULT_SETTINGS: Omit<WachtpostSettings, 'wachtpostId'> = {
  acceptSeconds: { U2: 120, U3: 300, U4: 900 },
  maxOpenCases: 3,
  officeHours: { start: 8, end: 19 },
};

interface Row {
  wachtpost_id: string;
  accept_u2_s: number;
  accept_u3_s: number;
  accept_u4_s: number;
  max_open_cases: number;
  office_start_hour: number;
  office_end_hour: number;
}

export function settingsFromRow(wachtpostId: string, row: Row | null | undefined): WachtpostSettings {
  if (!row) return { wachtpostId, ...DEFAULT_SETTINGS };
  return {
    wachtpostId,
    acceptSeconds: { U2: row.accept_u2_s, U3: row.accept_u3_s, U4: row.accept_u4_s },
    maxOpenCases: row.max_open_cases,
    officeHours: { start: row.office_start_hour, end: row.office_end_hour },
  };
}

/** Per-wachtpost dispatch settings; a wachtpost without a row runs on the defaults. */
@Injectable()
export class SettingsRepository {
  async get(db: EntityManager, wachtpostId: string): Promise<WachtpostSettings> {
    const [row]: Row[] = await db.query(`SELECT * FROM wachtpost_settings WHERE wachtpost_id = $1`, [
      wachtpostId,
    ]);
    if (!row) return { wachtpostId, ...DEFAULT_SETTINGS };
    return {
      wachtpostId,
      acceptSeconds: { U2: row.accept_u2_s, U3: row.accept_u3_s, U4: row.accept_u4_s },
      maxOpenCases: row.max_open_cases,
      officeHours: { start: row.office_start_hour, end: row.office_end_hour },
    };
  }

  async save(db: EntityManager, s: WachtpostSettings, at: string): Promise<void> {
    await db.query(
      `INSERT INTO wachtpost_settings (wachtpost_id, accept_u2_s, accept_u3_s, accept_u4_s, max_open_cases,
         office_start_hour, office_end_hour, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (wachtpost_id) DO UPDATE SET accept_u2_s = $2, accept_u3_s = $3, accept_u4_s = $4,
         max_open_cases = $5, office_start_hour = $6, office_end_hour = $7, updated_at = $8`,
      [
        s.wachtpostId,
        s.acceptSeconds.U2,
        s.acceptSeconds.U3,
        s.acceptSeconds.U4,
        s.maxOpenCases,
        s.officeHours.start,
        s.officeHours.end,
        at,
      ],
    );
  }
}
