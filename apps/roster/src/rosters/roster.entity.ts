import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { DutyKind, DutyRole } from '@permanentie/contracts';
import type { GeneratedShift } from '../duties/generate-shifts';

export type RosterStatus = 'draft' | 'published';

@Entity('roster')
export class Roster {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'kring_id' }) kringId: string;
  /** Local dates, inclusive: the roster holds the shifts that start on these days. */
  @Column('date', { name: 'period_start' }) periodStart: string;
  @Column('date', { name: 'period_end' }) periodEnd: string;
  @Column('text') status: RosterStatus;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
  @VersionColumn() version: number;
}

@Entity('shift')
export class Shift {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'roster_id' }) rosterId: string;
  @Column('text', { name: 'kring_id' }) kringId: string;
  @Column('text', { name: 'zone_id' }) zoneId: string;
  @Column('uuid', { name: 'template_id' }) templateId: string;
  @Column('text') kind: DutyKind;
  @Column('timestamptz', { name: 'starts_at' }) startsAt: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt: Date;
  /** Real minutes (DST nights included). */
  @Column('int') minutes: number;
  @Column('double precision') weight: number;
  @Column('jsonb') need: Partial<Record<DutyRole, number>>;
  @Column('text', { array: true }) requires: string[];
  @Column('text', { array: true }) tags: string[];
  @Column('text', { nullable: true }) holiday: string | null;
}

/** A generated shift as a row of a roster. */
export function shiftRow(g: GeneratedShift, rosterId: string, kringId: string): Shift {
  return Object.assign(new Shift(), {
    id: randomUUID(),
    rosterId,
    kringId,
    zoneId: g.zoneId,
    templateId: g.templateId,
    kind: g.kind,
    startsAt: g.start.toJSDate(),
    endsAt: g.end.toJSDate(),
    minutes: g.minutes,
    weight: g.weight,
    need: g.need,
    requires: g.requires,
    tags: g.tags,
    holiday: g.holiday,
  });
}

@Entity('assignment')
export class Assignment {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'roster_id' }) rosterId: string;
  @Column('uuid', { name: 'shift_id' }) shiftId: string;
  @Column('text') role: DutyRole;
  @Column('uuid', { name: 'gp_id' }) gpId: string;
  /** Kept as is when the roster is solved again. */
  @Column('boolean') locked: boolean;
}
