import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import { CommunityHoliday } from '@permanentie/domain';

/** Per-kring rules, with the defaults of DOMAIN.md. */
export interface KringSettings {
  communityHolidays: CommunityHoliday[];
  /** A swap or a taken offer waits for the planner's approval. */
  swapNeedsApproval: boolean;
  minRestHours: number;
  maxShiftsPerWeek: number;
  /** Load halved from this age, none from ageNoneFrom. */
  ageHalfFrom: number;
  ageNoneFrom: number;
  weights: { fairness: number; wish: number; spread: number; rotation: number };
}

export const DEFAULT_SETTINGS: KringSettings = {
  communityHolidays: [],
  swapNeedsApproval: true,
  minRestHours: 11,
  maxShiftsPerWeek: 3,
  ageHalfFrom: 60,
  ageNoneFrom: 65,
  weights: { fairness: 10, wish: 2, spread: 1, rotation: 20 },
};

@Entity('kring')
export class Kring {
  @PrimaryColumn('text') id: string;
  @Column('text') name: string;
  @Column('jsonb') settings: KringSettings;
  @VersionColumn() version: number;
}

@Entity('wachtpost')
export class Wachtpost {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'kring_id' }) kringId: string;
  @Column('text') name: string;
}
