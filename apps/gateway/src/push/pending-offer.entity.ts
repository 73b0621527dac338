import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An offer the gateway pushed (or must push) to a GP's screens. Kept until the offer ends, so a
 * screen that (re)connects gets every open offer again, acknowledged or not.
 */
@Entity({ name: 'pending_offer' })
export class PendingOffer {
  @PrimaryColumn('text', { name: 'offer_id' })
  offerId: string;

  @Column('text', { name: 'gp_id' })
  gpId: string;

  @Column('text', { name: 'case_id' })
  caseId: string;

  @Column('text', { name: 'wachtpost_id' })
  wachtpostId: string;

  @Column('text')
  urgency: string;

  @Column('text', { name: 'zone_id' })
  zoneId: string;

  @Column('int')
  attempt: number;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'offered_at' })
  offeredAt: Date;

  @Column('timestamptz', { name: 'acked_at', nullable: true })
  ackedAt: Date | null;
}
