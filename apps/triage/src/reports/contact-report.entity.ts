import { Column, Entity, PrimaryColumn } from 'typeorm';

export const REPORT_STATES = ['pending', 'delivered', 'no_recipient', 'failed'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** The report of a closed case for the patient's own GP, due by 08:00 the next working day. */
@Entity({ name: 'contact_reports' })
export class ContactReport {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('text', { name: 'wachtpost_id' }) wachtpostId: string;
  @Column('text', { name: 'recipient_riziv', nullable: true }) recipientRiziv: string | null;
  @Column('text', { name: 'recipient_name', nullable: true }) recipientName: string | null;
  @Column('text') language: string;
  @Column('text') subject: string;
  @Column('text') body: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  @Column('text') state: ReportState;
  @Column('int') attempts: number;
  @Column('timestamptz', { name: 'delivered_at', nullable: true }) deliveredAt: Date | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
}
