import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('zone')
export class Zone {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'kring_id' }) kringId: string;
  @Column('text', { name: 'wachtpost_id' }) wachtpostId: string;
  @Column('text') name: string;
  @Column('text', { array: true }) postcodes: string[];
  @Column('text', { name: 'overflow_zone_ids', array: true }) overflowZoneIds: string[];
  @Column('boolean') active: boolean;
}
