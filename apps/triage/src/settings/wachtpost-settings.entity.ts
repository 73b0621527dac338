import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { UrgencyTargets } from './due-times';

/** Triage settings of a wachtpost: its time targets and its active protocol version. */
@Entity({ name: 'wachtpost_settings' })
export class WachtpostSettings {
  @PrimaryColumn('text', { name: 'wachtpost_id' }) wachtpostId: string;
  @Column('jsonb') targets: UrgencyTargets;
  @Column('uuid', { name: 'active_protocol_id', nullable: true }) activeProtocolId: string | null;
  @Column('int') version: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
