import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model of the roster's zones (roster.zone-changed): postcode -> zone per wachtpost. */
@Entity({ name: 'zones' })
export class ZoneView {
  @PrimaryColumn('text', { name: 'zone_id' }) zoneId: string;
  @Column('text', { name: 'kring_id' }) kringId: string;
  @Column('text', { name: 'wachtpost_id' }) wachtpostId: string;
  @Column('text', { array: true }) postcodes: string[];
  @Column('text', { name: 'overflow_zone_ids', array: true }) overflowZoneIds: string[];
  @Column('boolean') active: boolean;
  @Column('timestamptz', { name: 'changed_at' }) changedAt: Date;
}
