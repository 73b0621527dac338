import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, Clock } from '@permanentie/domain';
import { CaseHistory, CaseRecord } from '../cases/case.entity';
import { ProtocolVersion } from '../protocols/protocol-version.entity';
import { nextWorkingDayAt } from '../settings/due-times';
import { TriageSettingsService } from '../settings/triage-settings.service';
import { TriageConfig } from '../triage.config';
import { ContactReport } from './contact-report.entity';
import { ReportChannel } from './report-channel';
import { buildReport, reportLanguage } from './report.builder';

const MAX_ATTEMPTS = 5;

/** Contact reports: written when a case closes, delivered by a job through the ReportChannel. */
@Injectable()
export class ReportsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reports');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly channel: ReportChannel,
    private readonly config: TriageConfig,
    private readonly settings: TriageSettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Called in the closing transaction: the report exists exactly when the case is closed. */
  async createFor(tx: EntityManager, c: CaseRecord): Promise<ContactReport> {
    const closedAt = c.closedAt ?? this.clock.now().toJSDate();
    // One after the other: a transaction is one connection, which runs one query at a time.
    const protocol = c.protocolVersionId
      ? await tx.findOne(ProtocolVersion, { where: { id: c.protocolVersionId } })
      : null;
    const history = await tx.find(CaseHistory, { where: { caseId: c.id }, order: { id: 'ASC' } });
    // The kring's community holidays are no working days, as for U5 due times.
    const { communityHolidays } = await this.settings.targets(tx, c.wachtpostId);
    const lang = reportLanguage(c.language);
    const { subject, body } = buildReport(
      {
        caseId: c.id,
        wachtpostId: c.wachtpostId,
        channel: c.channel,
        receivedAt: c.receivedAt,
        closedAt,
        patient: {
          name: c.patientName,
          birthDate: c.patientBirthDate,
          insz: c.patientInsz,
          postcode: c.postcode,
          city: c.patientCity,
        },
        ownGp: { riziv: c.ownGpRiziv, name: c.ownGpName },
        complaintCode: c.complaintCode,
        answers: c.answers,
        proposed: { urgency: c.proposedUrgency, disposition: c.proposedDisposition },
        urgency: c.urgency,
        disposition: c.disposition ?? 'phone_advice',
        overrideReason: c.overrideReason,
        escalationReason: c.escalationReason,
        closingNote: c.closingNote,
        assignedGpId: c.assignedGpId,
        ruleIndex: c.ruleIndex,
        history,
      },
      protocol?.definition ?? null,
      lang,
    );
    const report = tx.create(ContactReport, {
      id: randomUUID(),
      caseId: c.id,
      wachtpostId: c.wachtpostId,
      recipientRiziv: c.ownGpRiziv,
      recipientName: c.ownGpName,
      language: lang,
      subject,
      body,
      createdAt: this.clock.now().toJSDate(),
      // The norm: by 08:00 the next working day (not the wachtpost's ownGpAt, which is for U5).
      dueAt: nextWorkingDayAt(this.clock.now(), '08:00', communityHolidays).toJSDate(),
      // Without a RIZIV number there is no mailbox to deliver to: the post follows it up by hand.
      state: c.ownGpRiziv ? 'pending' : 'no_recipient',
      attempts: 0,
      deliveredAt: null,
      lastError: null,
    });
    await tx.insert(ContactReport, report);
    return report;
  }

  /**
   * The delivery job: sends every pending report (oldest due first) through the channel. Safe to
   * run on several instances at once (rows are claimed with SKIP LOCKED).
   */
  async deliverPending(batch = 100): Promise<{ delivered: number; failed: number }> {
    let delivered = 0;
    let failed = 0;
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM contact_reports WHERE state = 'pending' ORDER BY due_at LIMIT $1`,
      [batch],
    );
    for (const { id } of ids) {
      await this.dataSource.transaction(async (tx) => {
        const [row] = await tx.query(
          `SELECT id FROM contact_reports WHERE id = $1 AND state = 'pending' FOR UPDATE SKIP LOCKED`,
          [id],
        );
        if (!row) return;
        const report = await tx.findOneByOrFail(ContactReport, { id });
        try {
          await tx.query('SAVEPOINT deliver');
          await this.channel.deliver(tx, report);
          await tx.update(
            ContactReport,
            { id },
            { state: 'delivered', deliveredAt: this.clock.now().toJSDate(), attempts: report.attempts + 1 },
          );
          delivered++;
        } catch (e) {
          await tx.query('ROLLBACK TO SAVEPOINT deliver');
          const attempts = report.attempts + 1;
          const code = e instanceof Error ? e.name + ':' + e.message.slice(0, 80) : 'error';
          await tx.update(
            ContactReport,
            { id },
            { attempts, lastError: code, state: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending' },
          );
          failed++;
        }
      });
    }
    return { delivered, failed };
  }

  onApplicationBootstrap(): void {
    const every = this.config.REPORT_DELIVERY_INTERVAL_MS;
    if (every <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.deliverPending()
        .catch((e: Error) => this.logger.warn(`report delivery: ${e.name}`))
        .finally(() => (this.running = undefined));
    }, every);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
