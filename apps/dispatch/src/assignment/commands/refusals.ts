import { ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { Refusal } from '../case-rules';

/** Turns a rule's refusal into the HTTP answer; messages Dutch first. */
export function refuse(r: Refusal): never {
  switch (r) {
    case 'not_found':
      throw new NotFoundException('Niet gevonden / introuvable');
    case 'not_yours':
      throw new ForbiddenException('Niet uw aanbod of dossier / pas votre offre ou dossier');
    case 'expired':
      throw new ConflictException('Aanbod verlopen / offre expirée');
    case 'not_open':
      throw new ConflictException('Aanbod niet meer open / offre plus ouverte');
    case 'not_held':
      throw new ConflictException('U heeft dit dossier niet (meer) / vous ne détenez pas ce dossier');
  }
}
