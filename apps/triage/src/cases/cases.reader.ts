import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { CLOCK, Clock } from '@permanentie/domain';
import { AccessClaims, assertWachtpost, FieldError, InvalidInput } from '@permanentie/platform';
import { ContactReport } from '../reports/contact-report.entity';
import { CaseHistory, CaseRecord } from './case.entity';
import { OPEN_STATUSES, CASE_STATUSES, CaseStatus } from './case.decide';
import { caseDetails, caseSummary, CaseSummary, iso } from './case.views';
import { QueueQueryDto, ReadPurpose } from './dto/case.dto';
import { URGENCIES, Urgency } from '@permanentie/contracts';

const DEFAULT_PURPOSE: Record<string, ReadPurpose> = {
  dispatcher: 'triage',
  gp: 'care',
  admin: 'audit',
};

/**
 * Reads. Whatever returns patient data writes an access-log row in the same transaction: if the
 * row cannot be written, nothing is shown.
 */
@Injectable()
export class CasesReader {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Who may see a case's patient data: admin, a dispatcher of its wachtpost, the GP it is offered to or held by. */
  private assertMayRead(user: AccessClaims, c: CaseRecord): void {
    if (user.role === 'gp') {
      const holds = !!user.gpId && c.assignedGpId === user.gpId;
      const offered =
        !!user.gpId &&
        c.offeredGpId === user.gpId &&
        (!c.offerExpiresAt || c.offerExpiresAt > this.clock.now().toJSDate());
      if (!holds && !offered) throw new ForbiddenException('Niet uw dossier / pas votre dossier');
      return;
    }
    if (user.role !== 'dispatcher' && user.role !== 'admin')
      throw new ForbiddenException('Onvoldoende rechten / droits insuffisants');
    assertWachtpost(user, c.wachtpostId);
  }

  private async log(
    tx: EntityManager,
    user: AccessClaims,
    caseId: string,
    purpose: ReadPurpose | undefined,
    action: string,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO access_log (at, user_id, role, gp_id, wachtpost_id, case_id, purpose, action)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        this.clock.now().toJSDate(),
        user.sub,
        user.role,
        user.gpId ?? null,
        user.wachtpostId ?? null,
        caseId,
        purpose ?? DEFAULT_PURPOSE[user.role] ?? 'audit',
        action,
      ],
    );
  }

  async details(user: AccessClaims, id: string, purpose?: ReadPurpose) {
    return this.dataSource.transaction(async (tx) => {
      const c = await tx.findOne(CaseRecord, { where: { id } });
      if (!c) throw new NotFoundException('Zaak niet gevonden / dossier introuvable');
      this.assertMayRead(user, c);
      await this.log(tx, user, id, purpose, 'read_case');
      const history = await tx.find(CaseHistory, { where: { caseId: id }, order: { id: 'ASC' } });
      return {
        ...caseDetails(c),
        history: history.map((h) => ({ at: iso(h.at), actor: h.actor, kind: h.kind, data: h.data })),
      };
    });
  }

  async report(user: AccessClaims, id: string, purpose?: ReadPurpose) {
    return this.dataSource.transaction(async (tx) => {
      const c = await tx.findOne(CaseRecord, { where: { id } });
      if (!c) throw new NotFoundException('Zaak niet gevonden / dossier introuvable');
      if (user.role === 'gp') throw new ForbiddenException('Onvoldoende rechten / droits insuffisants');
      this.assertMayRead(user, c);
      const r = await tx.findOne(ContactReport, { where: { caseId: id } });
      if (!r) throw new NotFoundException('Nog geen verslag: de zaak is niet afgesloten');
      await this.log(tx, user, id, purpose ?? 'report', 'read_report');
      return {
        id: r.id,
        caseId: r.caseId,
        recipientRiziv: r.recipientRiziv,
        recipientName: r.recipientName,
        language: r.language,
        subject: r.subject,
        body: r.body,
        dueAt: iso(r.dueAt),
        state: r.state,
        attempts: r.attempts,
        deliveredAt: iso(r.deliveredAt),
      };
    });
  }

  /** Who read the case, when and why. Holds no patient data itself. */
  async accessLog(user: AccessClaims, id: string) {
    const c = await this.dataSource.getRepository(CaseRecord).findOne({ where: { id } });
    if (!c) throw new NotFoundException('Zaak niet gevonden / dossier introuvable');
    assertWachtpost(user, c.wachtpostId);
    const rows: {
      at: Date;
      user_id: string;
      role: string;
      gp_id: string | null;
      purpose: string;
      action: string;
    }[] = await this.dataSource.query(
      `SELECT at, user_id, role, gp_id, purpose, action FROM access_log WHERE case_id = $1 ORDER BY id`,
      [id],
    );
    return rows.map((r) => ({
      at: iso(r.at),
      userId: r.user_id,
      role: r.role,
      gpId: r.gp_id,
      purpose: r.purpose,
      action: r.action,
    }));
  }

  /**
   * The dispatcher's queue: open cases of a wachtpost, untriaged first (they may be anything),
   * then by urgency and due time. Served by the partial index cases_open_queue.
   */
  async queue(user: AccessClaims, q: QueueQueryDto): Promise<CaseSummary[]> {
    const wachtpostId = q.wachtpostId ?? user.wachtpostId;
    if (!wachtpostId) throw new InvalidInput([{ field: 'wachtpostId', reason: 'verplicht voor admin' }]);
    assertWachtpost(user, wachtpostId);
    const errors: FieldError[] = [];
    const statuses = q.status ? q.status.split(',').map((s) => s.trim()) : [];
    if (statuses.some((s) => !OPEN_STATUSES.includes(s as CaseStatus)))
      errors.push({
        field: 'status',
        reason: `open statussen: ${OPEN_STATUSES.join(', ')} (niet ${CASE_STATUSES.filter((s) => !OPEN_STATUSES.includes(s)).join(', ')})`,
      });
    const urgencies = q.urgency ? q.urgency.split(',').map((s) => s.trim()) : [];
    if (urgencies.some((u) => !URGENCIES.includes(u as Urgency)))
      errors.push({ field: 'urgency', reason: `een of meer van ${URGENCIES.join(', ')}` });
    if (errors.length > 0) throw new InvalidInput(errors);
    const { sql, params } = queueQuery(wachtpostId, {
      statuses,
      urgencies,
      zoneId: q.zoneId,
      channel: q.channel,
      breached: q.breached === 'true' ? this.clock.now().toJSDate() : undefined,
      limit: q.limit ?? 100,
    });
    const ids: { id: string }[] = await this.dataSource.query(sql, params);
    if (ids.length === 0) return [];
    const rows = await this.dataSource.getRepository(CaseRecord).findBy({ id: In(ids.map((r) => r.id)) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((r) => caseSummary(byId.get(r.id) as CaseRecord));
  }
}

/** The queue's SQL; exported so a test can EXPLAIN it. */
export function queueQuery(
  wachtpostId: string,
  f: {
    statuses: string[];
    urgencies: string[];
    zoneId?: string;
    channel?: string;
    breached?: Date;
    limit: number;
  },
): { sql: string; params: unknown[] } {
  const params: unknown[] = [wachtpostId];
  const where = [`wachtpost_id = $1`, `status NOT IN ('closed', 'cancelled')`];
  if (f.statuses.length > 0) {
    params.push(f.statuses);
    where.push(`status = ANY($${params.length}::text[])`);
  }
  if (f.urgencies.length > 0) {
    params.push(f.urgencies);
    where.push(`urgency = ANY($${params.length}::text[])`);
  }
  if (f.zoneId) {
    params.push(f.zoneId);
    where.push(`zone_id = $${params.length}`);
  }
  if (f.channel) {
    params.push(f.channel);
    where.push(`channel = $${params.length}`);
  }
  if (f.breached) {
    params.push(f.breached);
    where.push(`(sla_breached_at IS NOT NULL OR due_at < $${params.length})`);
  }
  params.push(f.limit);
  return {
    sql: `SELECT id FROM cases WHERE ${where.join(' AND ')}
          ORDER BY urgency NULLS FIRST, due_at, received_at LIMIT $${params.length}`,
    params,
  };
}
