import { Column, Entity, PrimaryColumn } from 'typeorm';

export const EXEMPTION_REASONS = ['health', 'age', 'family', 'childbirth', 'practice', 'other'] as const;
export type ExemptionReason = (typeof EXEMPTION_REASONS)[number];

/** A decided exemption from duty over a period of local dates (inclusive). */
export interface Exemption {
  reason: ExemptionReason;
  from: string;
  to: string;
}

@Entity('gp')
export class Gp {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'kring_id' }) kringId: string;
  @Column('char', { length: 11 }) riziv: string;
  @Column('text') name: string;
  @Column('text', { array: true }) languages: string[];
  @Column('text', { name: 'practice_postcode' }) practicePostcode: string;
  @Column('double precision', { name: 'participation_factor' }) participationFactor: number;
  @Column('int', { name: 'birth_year' }) birthYear: number;
  @Column('text', { array: true }) capabilities: string[];
  @Column('jsonb') exemptions: Exemption[];
  @Column('boolean') active: boolean;
  /** Secret in the private calendar URL; rotating it revokes the old link. */
  @Column('text', { name: 'calendar_token', select: false }) calendarToken: string;
}

export const PREFERENCE_KINDS = ['unavailable', 'want', 'avoid'] as const;
export type PreferenceKind = (typeof PREFERENCE_KINDS)[number];

/** Unavailability or a wish of a GP over local dates [fromDate, toDate], optionally for one duty kind. */
@Entity('gp_preference')
export class GpPreference {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'gp_id' }) gpId: string;
  @Column('text') kind: PreferenceKind;
  @Column('date', { name: 'from_date' }) fromDate: string;
  @Column('date', { name: 'to_date' }) toDate: string;
  @Column('text', { name: 'duty_kind', nullable: true }) dutyKind: string | null;
}
