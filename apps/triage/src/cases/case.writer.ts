import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CaseAdviceGiven,
  CaseCancelled,
  CaseClosed,
  CaseEscalatedTo112,
  CaseRecorded,
  CaseTriaged,
} from '@permanentie/contracts';
import { Outbox } from '@permanentie/bus';
import { CLOCK, Clock } from '@permanentie/domain';
import { ReportsService } from '../reports/reports.service';
import { CaseRecord } from './case.entity';
import { Decision } from './case.decide';
import { iso } from './case.views';

interface CaseColumns {
  byProperty: Map<string, { name: string; json: boolean }>;
  select: string;
}

/**
 * The save half of every case command and consumer: applies a decision to the case (guarded by
 * its version), writes the history row, publishes the bus events and, on close, the contact
 * report, all through the caller's transaction.
 */
@Injectable()
export class CaseWriter {
  constructor(
    private readonly outbox: Outbox,
    private readonly reports: ReportsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private columns?: CaseColumns;

  /**
   * The case table's columns, from the entity's metadata. load and apply are on the hot path of
   * every triage and every dispatch event, so they use plain SQL built from these once rather
   * than TypeORM's query builder (about a fifth of triage's CPU per case).
   */
  private columnsOf(tx: EntityManager): CaseColumns {
    if (this.columns) return this.columns;
    const meta = tx.connection.getMetadata(CaseRecord);
    const byProperty = new Map(
      meta.columns.map((c) => [c.propertyName, { name: c.databaseName, json: c.type === 'jsonb' }]),
    );
    // A date column is read as its 'YYYY-MM-DD' text, as TypeORM hydrates it.
    const select = meta.columns
      .map((c) => `"${c.databaseName}"${c.type === 'date' ? '::text' : ''} AS "${c.propertyName}"`)
      .join(', ');
    return (this.columns = { byProperty, select });
  }

  /** Loads a case for a decision, locking its row for the rest of the transaction. */
  async load(tx: EntityManager, id: string): Promise<CaseRecord | null> {
    const rows: CaseRecord[] = await tx.query(
      `SELECT ${this.columnsOf(tx).select} FROM cases WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ? Object.assign(new CaseRecord(), rows[0]) : null;
  }

  async apply(
    tx: EntityManager,
    record: CaseRecord,
    decision: Decision,
    actor: string,
    extra: Partial<CaseRecord> = {},
  ): Promise<CaseRecord> {
    const now = this.clock.now();
    const patch: Partial<CaseRecord> = {
      ...decision.patch,
      ...extra,
      version: record.version + 1,
      updatedAt: now.toJSDate(),
    };
    // The guarded update and its history rows in one statement: no row (someone else changed
    // the case) means no history either.
    const { byProperty } = this.columnsOf(tx);
    const values: unknown[] = [record.id, record.version];
    const set: string[] = [];
    for (const [property, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      const column = byProperty.get(property);
      if (!column) throw new Error(`case has no column for ${property}`);
      values.push(column.json && value !== null ? JSON.stringify(value) : value);
      set.push(`"${column.name}" = $${values.length}`);
    }
    const history = [decision.history, ...(decision.moreHistory ?? [])].map((h) => ({
      kind: h.kind,
      data: h.data ?? {},
    }));
    values.push(now.toJSDate(), actor, JSON.stringify(history));
    const n = values.length;
    const [{ updated: changed }]: { updated: number }[] = await tx.query(
      `WITH changed AS (
         UPDATE cases SET ${set.join(', ')} WHERE id = $1 AND version = $2 RETURNING id),
       written AS (
         INSERT INTO case_history (case_id, at, actor, kind, data)
         SELECT changed.id, $${n - 2}::timestamptz, $${n - 1}::text, h.kind, h.data
         FROM changed,
           ROWS FROM (jsonb_to_recordset($${n}::jsonb) AS (kind text, data jsonb)) WITH ORDINALITY AS h(kind, data, i)
         ORDER BY h.i)
       SELECT count(*)::int AS updated FROM changed`,
      values,
    );
    if (changed !== 1)
      throw new ConflictException('Gewijzigd door iemand anders; herlaad / modifié entre-temps');
    const updated = Object.assign(record, patch);
    const at = now.toISO() ?? '';
    for (const out of decision.publish) {
      if (out === 'triaged') {
        if (!updated.urgency || updated.urgency === 'U1' || !updated.disposition)
          throw new Error('triaged without result');
        await this.outbox.publish(tx, CaseTriaged, {
          caseId: updated.id,
          wachtpostId: updated.wachtpostId,
          zoneId: updated.zoneId,
          urgency: updated.urgency,
          channel: updated.channel,
          disposition: updated.disposition,
          language: updated.language,
          postcode: updated.postcode,
          receivedAt: iso(updated.receivedAt) ?? '',
          dueAt: iso(updated.dueAt) ?? '',
          revision: updated.revision,
        });
      } else if (out === 'advice') {
        if (!updated.urgency || updated.urgency === 'U1' || !updated.disposition)
          throw new Error('advice without result');
        await this.outbox.publish(tx, CaseAdviceGiven, {
          caseId: updated.id,
          wachtpostId: updated.wachtpostId,
          urgency: updated.urgency,
          disposition: updated.disposition,
          at,
        });
      } else if (out === 'escalated') {
        await this.outbox.publish(tx, CaseEscalatedTo112, {
          caseId: updated.id,
          wachtpostId: updated.wachtpostId,
          at,
        });
      } else if (out === 'cancelled') {
        await this.outbox.publish(tx, CaseCancelled, {
          caseId: updated.id,
          wachtpostId: updated.wachtpostId,
          reasonCode: updated.cancelReasonCode ?? 'other',
          at,
        });
      } else if (out === 'closed') {
        if (!updated.disposition) throw new Error('closed without disposition');
        await this.outbox.publish(tx, CaseClosed, {
          caseId: updated.id,
          wachtpostId: updated.wachtpostId,
          disposition: updated.disposition,
          at,
        });
        await this.reports.createFor(tx, updated);
      }
    }
    return updated;
  }

  /** A new call on the dispatchers' screens: ids, codes and times only. */
  async announceRecorded(tx: EntityManager, record: CaseRecord): Promise<void> {
    await this.outbox.publish(tx, CaseRecorded, {
      caseId: record.id,
      wachtpostId: record.wachtpostId,
      zoneId: record.zoneId,
      channel: record.channel,
      receivedAt: iso(record.receivedAt) ?? '',
      dueAt: iso(record.dueAt) ?? '',
    });
  }
}
