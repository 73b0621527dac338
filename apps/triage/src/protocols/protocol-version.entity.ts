import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProtocolDefinition } from './protocol.model';

/** One loaded version of a wachtpost's protocol. Never changed once loaded: cases point at it. */
@Entity({ name: 'protocol_versions' })
export class ProtocolVersion {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'wachtpost_id' }) wachtpostId: string;
  @Column('int') version: number;
  @Column('text') code: string;
  @Column('jsonb') definition: ProtocolDefinition;
  @Column('timestamptz', { name: 'loaded_at' }) loadedAt: Date;
  @Column('text', { name: 'loaded_by' }) loadedBy: string;
}
