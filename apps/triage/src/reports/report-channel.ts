import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CLOCK, Clock } from '@permanentie/domain';
import { ContactReport } from './contact-report.entity';

/** How a contact report reaches the own GP. One working implementation: the mailbox table. */
export abstract class ReportChannel {
  /** Delivers inside the delivery job's transaction; throws when it could not. */
  abstract deliver(tx: EntityManager, report: ContactReport): Promise<void>;
}

/**
 * Drops the report in `triage.report_mailbox`, keyed by the GP's RIZIV number, from where the
 * GP's practice software (or an eHealthBox bridge) collects it. Idempotent per report.
 */
@Injectable()
export class MailboxChannel extends ReportChannel {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {
    super();
  }

  async deliver(tx: EntityManager, report: ContactReport): Promise<void> {
    if (!report.recipientRiziv) throw new Error('no_recipient');
    await tx.query(
      `INSERT INTO report_mailbox (report_id, recipient_riziv, recipient_name, subject, body, delivered_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (report_id) DO NOTHING`,
      [
        report.id,
        report.recipientRiziv,
        report.recipientName,
        report.subject,
        report.body,
        this.clock.now().toJSDate(),
      ],
    );
  }
}
