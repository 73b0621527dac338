import { Column, Entity, PrimaryColumn } from 'typeorm';
import { KringSolution } from '../solver/kring-problem';

export const ACTIVE_PHASES = ['queued', 'building', 'solving', 'improving'] as const;
export type SolvePhase = (typeof ACTIVE_PHASES)[number] | 'done' | 'failed' | 'cancelled';

export interface SolveRunResult {
  status: KringSolution['status'] | 'failed';
  uncovered: KringSolution['uncovered'];
  assigned: number;
  solveSeconds: number;
  lowerBound: number | null;
  error?: string;
}

@Entity('solve_run')
export class SolveRun {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'roster_id' }) rosterId: string;
  @Column('text', { name: 'kring_id' }) kringId: string;
  @Column('text') status: SolvePhase;
  @Column('int') percent: number;
  @Column('double precision', { nullable: true }) objective: number | null;
  @Column('int', { name: 'time_limit_s' }) timeLimitS: number;
  @Column('boolean', { name: 'cancel_requested' }) cancelRequested: boolean;
  @Column('jsonb', { nullable: true }) result: SolveRunResult | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt: Date | null;
}
