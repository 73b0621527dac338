import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '@permanentie/contracts';

@Entity({ name: 'account' })
export class Account {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  username: string;

  @Column('text', { name: 'password_hash', select: false })
  passwordHash: string;

  @Column('text')
  role: Role;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('text', { name: 'wachtpost_id', nullable: true })
  wachtpostId: string | null;

  @Column('text', { name: 'kring_id', nullable: true })
  kringId: string | null;

  @Column('text', { name: 'gp_id', nullable: true })
  gpId: string | null;

  @Column('boolean')
  active: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
