import { NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessClaims, assertKring } from '@permanentie/platform';
import { Kring } from './kringen/kring.entity';

/** Loads the kring and checks the caller may act for it (planner of this kring or admin). */
export async function kringInScope(em: EntityManager, user: AccessClaims, kringId: string): Promise<Kring> {
  assertKring(user, kringId);
  const kring = await em.findOneBy(Kring, { id: kringId });
  if (!kring) throw new NotFoundException('Kring niet gevonden');
  return kring;
}

/** A GP acts for herself; a planner for the GPs of her kring; admin for all. */
export function assertGpOrPlanner(user: AccessClaims, gp: { id: string; kringId: string }): void {
  if (user.role === 'gp') {
    if (user.gpId !== gp.id) throw new NotFoundException('Huisarts niet gevonden');
    return;
  }
  assertKring(user, gp.kringId);
}
