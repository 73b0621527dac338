import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Channel, Disposition, Language, Urgency } from '@permanentie/contracts';
import type { CaseStatus } from './case.decide';

/** A call turned into a case. Patient fields are read only through CasesService.readDetails (access log). */
@Entity({ name: 'cases' })
export class CaseRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'wachtpost_id' }) wachtpostId: string;
  /** Optimistic concurrency: every change raises it; a client sending an older one gets 409. */
  @Column('int') version: number;
  @Column('text') status: CaseStatus;
  @Column('text') channel: Channel;
  @Column('timestamptz', { name: 'received_at' }) receivedAt: Date;

  @Column('text', { name: 'caller_name', nullable: true }) callerName: string | null;
  @Column('text', { name: 'caller_phone', nullable: true }) callerPhone: string | null;
  @Column('text', { name: 'caller_relation' }) callerRelation: string;

  @Column('text', { name: 'patient_name' }) patientName: string;
  @Column('date', { name: 'patient_birth_date' }) patientBirthDate: string;
  @Column('text', { name: 'patient_insz', nullable: true }) patientInsz: string | null;
  @Column('text', { name: 'patient_phone', nullable: true }) patientPhone: string | null;
  @Column('text', { name: 'patient_street', nullable: true }) patientStreet: string | null;
  @Column('text', { name: 'patient_city', nullable: true }) patientCity: string | null;
  @Column('text') postcode: string;
  @Column('text') language: Language;
  @Column('text', { name: 'own_gp_riziv', nullable: true }) ownGpRiziv: string | null;
  @Column('text', { name: 'own_gp_name', nullable: true }) ownGpName: string | null;
  @Column('text', { name: 'zone_id', nullable: true }) zoneId: string | null;

  @Column('uuid', { name: 'protocol_version_id', nullable: true }) protocolVersionId: string | null;
  @Column('text', { name: 'complaint_code', nullable: true }) complaintCode: string | null;
  @Column('jsonb', { nullable: true }) answers: Record<string, string> | null;
  @Column('text', { name: 'proposed_urgency', nullable: true }) proposedUrgency: Urgency | null;
  @Column('text', { name: 'proposed_disposition', nullable: true }) proposedDisposition: Disposition | null;
  @Column('int', { name: 'rule_index', nullable: true }) ruleIndex: number | null;
  @Column('text', { nullable: true }) urgency: Urgency | null;
  @Column('text', { nullable: true }) disposition: Disposition | null;
  @Column('text', { name: 'override_reason', nullable: true }) overrideReason: string | null;
  @Column('text', { name: 'overridden_by', nullable: true }) overriddenBy: string | null;
  @Column('timestamptz', { name: 'triaged_at', nullable: true }) triagedAt: Date | null;
  @Column('int') revision: number;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;

  @Column('text', { name: 'offered_gp_id', nullable: true }) offeredGpId: string | null;
  @Column('timestamptz', { name: 'offer_expires_at', nullable: true }) offerExpiresAt: Date | null;
  @Column('text', { name: 'assigned_gp_id', nullable: true }) assignedGpId: string | null;
  @Column('timestamptz', { name: 'sla_breached_at', nullable: true }) slaBreachedAt: Date | null;
  @Column('timestamptz', { name: 'escalated_at', nullable: true }) escalatedAt: Date | null;
  @Column('text', { name: 'escalation_reason', nullable: true }) escalationReason: string | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
  @Column('text', { name: 'closing_note', nullable: true }) closingNote: string | null;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true }) cancelledAt: Date | null;
  @Column('text', { name: 'cancel_reason_code', nullable: true }) cancelReasonCode: string | null;
  @Column('text', { name: 'cancel_reason', nullable: true }) cancelReason: string | null;

  @Column('text', { name: 'idempotency_key' }) idempotencyKey: string;
  @Column('text', { name: 'request_hash' }) requestHash: string;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** Every transition of a case, in order: the case's own event history (who, what, when). */
@Entity({ name: 'case_history' })
export class CaseHistory {
  @PrimaryColumn('bigint', { generated: 'increment' } as never) id: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('timestamptz') at: Date;
  @Column('text') actor: string;
  @Column('text') kind: string;
  @Column('jsonb') data: Record<string, unknown>;
}
