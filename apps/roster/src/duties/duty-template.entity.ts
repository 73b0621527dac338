import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DutyKind, DutyRole } from '@permanentie/contracts';
import { OnHoliday } from './generate-shifts';

@Entity('duty_template')
export class DutyTemplate {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'kring_id' }) kringId: string;
  @Column('text', { name: 'zone_id' }) zoneId: string;
  @Column('text') kind: DutyKind;
  @Column('text', { name: 'start_time' }) startTime: string;
  @Column('text', { name: 'end_time' }) endTime: string;
  @Column('int', { name: 'end_day_offset' }) endDayOffset: number;
  @Column('int', { array: true }) days: number[];
  @Column('text', { name: 'on_holiday' }) onHoliday: OnHoliday;
  @Column('jsonb') need: Partial<Record<DutyRole, number>>;
  @Column('double precision') weight: number;
  @Column('text', { array: true }) requires: string[];
  @Column('boolean') active: boolean;
}
