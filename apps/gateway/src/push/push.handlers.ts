import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  BusEvent,
  CaseAccepted,
  CaseAdviceGiven,
  CaseCancelled,
  CaseChangedPush,
  CaseClosed,
  CaseCompleted,
  CaseEscalatedTo112,
  CaseOffered,
  CaseReassigned,
  CaseRecorded,
  CaseRerouted,
  CaseStarted,
  CaseTriaged,
  DispatchAlarm,
  DutyAssigned,
  DutyUnassigned,
  GpChanged,
  OfferEnded,
  PayloadOf,
  RosterChangedPush,
  RosterPublished,
  SlaBreached,
  SlaWarning,
  SocketRooms,
  SolveProgress,
  ZoneChanged,
} from '@permanentie/contracts';
import { HandlesEvent } from '@permanentie/bus';
import { SocketHub } from '../socket/socket-hub';
import { afterCommit } from './after-commit';
import { OfferDelivery } from './offer-delivery';

type Ev<E> = BusEvent<PayloadOf<E>>;
const { wachtpost, gp, kring, admin } = SocketRooms;

/**
 * The push queue (events-gateway): one handler per event routed to the gateway. Each turns the
 * event into a socket push of ids and codes for the rooms it concerns; screens fetch details.
 * Handlers that only push are pushOnly (no transaction). Those keeping pending offers write
 * through tx with asyncCommit: pending offers only help deliver dispatch's offers (a screen
 * that (re)connects loads its open offers from dispatch), so they need not wait for the disk.
 */
@Injectable()
export class PushHandlers {
  private readonly logger = new Logger('Push');

  constructor(
    private readonly hub: SocketHub,
    private readonly offers: OfferDelivery,
  ) {}

  private caseChanged(rooms: string[], push: CaseChangedPush): void {
    this.hub.server.to([...rooms, admin]).emit('case.changed', push);
  }

  private rosterChanged(rooms: string[], push: RosterChangedPush): void {
    this.hub.server.to([...rooms, admin]).emit('roster.changed', push);
  }

  private async forgetCase(tx: EntityManager, caseId: string): Promise<void> {
    await tx.query(`DELETE FROM pending_offer WHERE case_id = $1`, [caseId]);
  }

  // ---- triage

  @HandlesEvent(CaseRecorded, { pushOnly: true })
  async caseRecorded({ payload: p }: Ev<typeof CaseRecorded>): Promise<void> {
    this.caseChanged([wachtpost(p.wachtpostId)], {
      caseId: p.caseId,
      wachtpostId: p.wachtpostId,
      change: 'recorded',
      at: p.receivedAt,
    });
  }

  @HandlesEvent(CaseAdviceGiven, { pushOnly: true })
  async caseAdviceGiven({ payload: p }: Ev<typeof CaseAdviceGiven>): Promise<void> {
    this.caseChanged([wachtpost(p.wachtpostId)], {
      caseId: p.caseId,
      wachtpostId: p.wachtpostId,
      change: 'advice_given',
      urgency: p.urgency,
      disposition: p.disposition,
      at: p.at,
    });
  }

  @HandlesEvent(CaseTriaged, { pushOnly: true })
  async caseTriaged({ payload: p }: Ev<typeof CaseTriaged>): Promise<void> {
    this.caseChanged([wachtpost(p.wachtpostId)], {
      caseId: p.caseId,
      wachtpostId: p.wachtpostId,
      change: 'triaged',
      urgency: p.urgency,
      disposition: p.disposition,
    });
  }

  @HandlesEvent(CaseEscalatedTo112, { asyncCommit: true })
  async caseEscalated({ payload: p }: Ev<typeof CaseEscalatedTo112>, tx: EntityManager): Promise<void> {
    await this.forgetCase(tx, p.caseId);
    this.caseChanged([wachtpost(p.wachtpostId)], {
      caseId: p.caseId,
      wachtpostId: p.wachtpostId,
      change: 'escalated_112',
      urgency: 'U1',
      at: p.at,
    });
  }

  @HandlesEvent(CaseCancelled, { asyncCommit: true })
  async caseCancelled({ payload: p }: Ev<typeof CaseCancelled>, tx: EntityManager): Promise<void> {
    await this.forgetCase(tx, p.caseId);
    this.caseChanged([wachtpost(p.wachtpostId)], {
      caseId: p.caseId,
      wachtpostId: p.wachtpostId,
      change: 'cancelled',
      code: p.reasonCode,
      at: p.at,
    });
  }

  @HandlesEvent(CaseClosed, { asyncCommit: true })
  async caseClosed({ payload: p }: Ev<typeof CaseClosed>, tx: EntityManager): Promise<void> {
    await this.forgetCase(tx, p.caseId);
    this.caseChanged([wachtpost(p.wachtpostId)], {
      caseId: p.caseId,
      wachtpostId: p.wachtpostId,
      change: 'closed',
      disposition: p.disposition,
      at: p.at,
    });
  }

  // ---- dispatch

  /** Kept until the offer ends (so a reconnecting screen gets it), then pushed with an ack. */
  @HandlesEvent(CaseOffered, { asyncCommit: true })
  async caseOffered({ payload: p, occurredAt }: Ev<typeof CaseOffered>, tx: EntityManager): Promise<void> {
    await tx.query(
      `INSERT INTO pending_offer (offer_id, gp_id, case_id, wachtpost_id, urgency, zone_id, attempt, expires_at, offered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (offer_id) DO NOTHING`,
      [p.offerId, p.gpId, p.caseId, p.wachtpostId, p.urgency, p.zoneId, p.attempt, p.expiresAt, occurredAt],
    );
    // After the commit: a screen connecting meanwhile then finds the row, or is in the room.
    afterCommit(tx, () => {
      void this.offers
        .deliver({
          offerId: p.offerId,
          caseId: p.caseId,
          wachtpostId: p.wachtpostId,
          gpId: p.gpId,
          urgency: p.urgency,
          expiresAt: p.expiresAt,
          attempt: p.attempt,
          zoneId: p.zoneId,
        })
        .catch((e: Error) => this.logger.warn(`offer ${p.offerId}: ${e.name}`));
    });
    this.caseChanged([wachtpost(p.wachtpostId)], {
      caseId: p.caseId,
      wachtpostId: p.wachtpostId,
      change: 'offered',
      urgency: p.urgency,
      gpId: p.gpId,
      offerId: p.offerId,
    });
  }

  @HandlesEvent(OfferEnded, { asyncCommit: true })
  async offerEnded({ payload: p }: Ev<typeof OfferEnded>, tx: EntityManager): Promise<void> {
    await tx.query(`DELETE FROM pending_offer WHERE offer_id = $1`, [p.offerId]);
    this.hub.server.to(gp(p.gpId)).emit('offer.ended', {
      offerId: p.offerId,
      caseId: p.caseId,
      wachtpostId: p.wachtpostId,
      gpId: p.gpId,
      outcome: p.outcome,
      reasonCode: p.reasonCode,
    });
    this.caseChanged([wachtpost(p.wachtpostId)], {
      caseId: p.caseId,
      wachtpostId: p.wachtpostId,
      change: 'offer_ended',
      gpId: p.gpId,
      offerId: p.offerId,
      code: p.outcome,
    });
  }

  @HandlesEvent(CaseAccepted, { asyncCommit: true })
  async caseAccepted({ payload: p }: Ev<typeof CaseAccepted>, tx: EntityManager): Promise<void> {
    await this.forgetCase(tx, p.caseId);
    this.hub.server.to(gp(p.gpId)).emit('offer.ended', {
      offerId: p.offerId,
      caseId: p.caseId,
      wachtpostId: p.wachtpostId,
      gpId: p.gpId,
      outcome: 'accepted',
      reasonCode: 'accepted',
    });
    this.caseChanged([wachtpost(p.wachtpostId), gp(p.gpId)], {
      caseId: p.caseId,
      wachtpostId: p.wachtpostId,
      change: 'accepted',
      gpId: p.gpId,
      offerId: p.offerId,
      at: p.at,
    });
  }

  @HandlesEvent(CaseStarted, { pushOnly: true })
  async caseStarted({ payload: p }: Ev<typeof CaseStarted>): Promise<void> {
    this.caseChanged([wachtpost(p.wachtpostId), gp(p.gpId)], {
      caseId: p.caseId,
      wachtpostId: p.wachtpostId,
      change: 'started',
      gpId: p.gpId,
      code: p.mode,
      at: p.at,
    });
  }

  @HandlesEvent(CaseCompleted, { asyncCommit: true })
  async caseCompleted({ payload: p }: Ev<typeof CaseCompleted>, tx: EntityManager): Promise<void> {
    await this.forgetCase(tx, p.caseId);
    this.caseChanged([wachtpost(p.wachtpostId), gp(p.gpId)], {
      caseId: p.caseId,
      wachtpostId: p.wachtpostId,
      change: 'completed',
      gpId: p.gpId,
      disposition: p.disposition,
      at: p.at,
    });
  }

  /** Everyone at the wachtpost, and the supervisor GP of the shift. */
  @HandlesEvent(DispatchAlarm, { pushOnly: true })
  async alarm({ payload: p }: Ev<typeof DispatchAlarm>): Promise<void> {
    const rooms = [wachtpost(p.wachtpostId), admin];
    if (p.supervisorGpId) rooms.push(gp(p.supervisorGpId));
    this.hub.server.to(rooms).emit('alarm', {
      caseId: p.caseId,
      wachtpostId: p.wachtpostId,
      reasonCode: p.reasonCode,
      zoneId: p.zoneId,
      supervisorGpId: p.supervisorGpId,
    });
  }

  @HandlesEvent(CaseRerouted, { pushOnly: true })
  async caseRerouted({ payload: p }: Ev<typeof CaseRerouted>): Promise<void> {
    this.caseChanged([wachtpost(p.wachtpostId)], {
      caseId: p.caseId,
      wachtpostId: p.wachtpostId,
      change: 'rerouted',
      code: p.reasonCode,
    });
  }

  /** A dispatcher moved the case by hand (also when nobody had it): her colleagues see who, to whom, why. */
  @HandlesEvent(CaseReassigned, { pushOnly: true })
  async caseReassigned({ payload: p }: Ev<typeof CaseReassigned>): Promise<void> {
    this.caseChanged([wachtpost(p.wachtpostId)], {
      caseId: p.caseId,
      wachtpostId: p.wachtpostId,
      change: 'reassigned',
      gpId: p.toGpId,
      fromGpId: p.fromGpId,
      offerId: p.offerId,
      code: p.reasonCode,
      at: p.at,
    });
  }

  @HandlesEvent(SlaWarning, { pushOnly: true })
  async slaWarning({ payload: p }: Ev<typeof SlaWarning>): Promise<void> {
    this.sla('warning', p);
  }

  @HandlesEvent(SlaBreached, { pushOnly: true })
  async slaBreached({ payload: p }: Ev<typeof SlaBreached>): Promise<void> {
    this.sla('breached', p);
  }

  private sla(level: 'warning' | 'breached', p: PayloadOf<typeof SlaWarning>): void {
    const rooms = [wachtpost(p.wachtpostId), admin];
    if (p.gpId) rooms.push(gp(p.gpId));
    this.hub.server
      .to(rooms)
      .emit('sla', { caseId: p.caseId, wachtpostId: p.wachtpostId, level, dueAt: p.dueAt, gpId: p.gpId });
  }

  // ---- roster

  @HandlesEvent(SolveProgress, { pushOnly: true })
  async solveProgress({ payload: p }: Ev<typeof SolveProgress>): Promise<void> {
    this.hub.server.to([kring(p.kringId), admin]).emit('roster.progress', {
      runId: p.runId,
      rosterId: p.rosterId,
      kringId: p.kringId,
      phase: p.phase,
      percent: p.percent,
      objective: p.objective,
    });
  }

  @HandlesEvent(RosterPublished, { pushOnly: true })
  async rosterPublished({ payload: p }: Ev<typeof RosterPublished>): Promise<void> {
    this.rosterChanged([kring(p.kringId)], { kringId: p.kringId, change: 'published', rosterId: p.rosterId });
  }

  @HandlesEvent(DutyAssigned, { pushOnly: true })
  async dutyAssigned({ payload: p }: Ev<typeof DutyAssigned>): Promise<void> {
    this.rosterChanged([kring(p.kringId), gp(p.gpId)], {
      kringId: p.kringId,
      change: 'duty_assigned',
      rosterId: p.rosterId,
      assignmentId: p.assignmentId,
      shiftId: p.shiftId,
      gpId: p.gpId,
      zoneId: p.zoneId,
      startsAt: p.startsAt,
      endsAt: p.endsAt,
    });
  }

  @HandlesEvent(DutyUnassigned, { pushOnly: true })
  async dutyUnassigned({ payload: p }: Ev<typeof DutyUnassigned>): Promise<void> {
    this.rosterChanged([kring(p.kringId), gp(p.gpId)], {
      kringId: p.kringId,
      change: 'duty_unassigned',
      assignmentId: p.assignmentId,
      shiftId: p.shiftId,
      gpId: p.gpId,
    });
  }

  @HandlesEvent(ZoneChanged, { pushOnly: true })
  async zoneChanged({ payload: p }: Ev<typeof ZoneChanged>): Promise<void> {
    this.rosterChanged([kring(p.kringId)], { kringId: p.kringId, change: 'zone_changed', zoneId: p.zoneId });
  }

  @HandlesEvent(GpChanged, { pushOnly: true })
  async gpChanged({ payload: p }: Ev<typeof GpChanged>): Promise<void> {
    this.rosterChanged([kring(p.kringId), gp(p.gpId)], {
      kringId: p.kringId,
      change: 'gp_changed',
      gpId: p.gpId,
    });
  }
}
