import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * open: offered, anyone of the kring may take it or propose a swap;
 * proposed: a colleague offers one of her shifts in return, the offering GP accepts or not;
 * pending: waiting for the planner (kring setting); done, rejected, withdrawn: final.
 */
export type SwapStatus = 'open' | 'proposed' | 'pending' | 'done' | 'rejected' | 'withdrawn';

@Entity('swap')
export class Swap {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'kring_id' }) kringId: string;
  @Column('uuid', { name: 'roster_id' }) rosterId: string;
  @Column('uuid', { name: 'assignment_id' }) assignmentId: string;
  @Column('uuid', { name: 'offered_by' }) offeredBy: string;
  @Column('uuid', { name: 'taken_by', nullable: true }) takenBy: string | null;
  @Column('uuid', { name: 'counter_assignment_id', nullable: true }) counterAssignmentId: string | null;
  @Column('text') status: SwapStatus;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
}
