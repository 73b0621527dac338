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
import { CaseHistory, CaseRecord } from './case.entity';
import { Decision } from './case.decide';
import { iso } from './case.views';

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

  /** Loads a case for a decision, locking its row for the rest of the transaction. */
  async load(tx: EntityManager, id: string): Promise<CaseRecord | null> {
    return tx.findOne(CaseRecord, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async apply(
    tx: EntityManager,
    record: CaseRecord,
    decision: Decision,
    actor: string,
    extra: Partial<CaseRecord> = {},
  ): Promise<CaseRecord> {
    const now = this.clock.now();
    const patch = { ...decision.patch, ...extra, version: record.version + 1, updatedAt: now.toJSDate() };
    const result = await tx.update(CaseRecord, { id: record.id, version: record.version }, patch as never);
    if (result.affected !== 1)
      throw new ConflictException('Gewijzigd door iemand anders; herlaad / modifié entre-temps');
    const updated = Object.assign(record, patch) as CaseRecord;
    for (const entry of [decision.history, ...(decision.moreHistory ?? [])])
      await tx.insert(CaseHistory, {
        caseId: record.id,
        at: now.toJSDate(),
        actor,
        kind: entry.kind,
        data: (entry.data ?? {}) as never,
      });
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
