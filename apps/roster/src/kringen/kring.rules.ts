import { FieldError } from '@permanentie/platform';
import { isKnownPostcode } from '@permanentie/domain';
import { Wachtpost } from './kring.entity';
import { Zone } from './zone.entity';

export interface ZoneInput {
  wachtpostId: string;
  name: string;
  postcodes: string[];
  overflowZoneIds: string[];
  active?: boolean;
}

/**
 * Decides a zone's new state. The wachtpost must be one of the kring's, every postcode a Belgian
 * one and in no other active zone of the kring (triage maps a postcode to exactly one zone), the
 * overflow zones other zones of the same kring.
 */
export function decideZone(args: {
  kringId: string;
  zoneId: string;
  input: ZoneInput;
  wachtpost: Wachtpost | null;
  otherZones: Zone[];
}): { zone: Zone; errors: FieldError[] } {
  const { kringId, zoneId, input, wachtpost, otherZones } = args;
  const errors: FieldError[] = [];
  if (!wachtpost || wachtpost.kringId !== kringId)
    errors.push({ field: 'wachtpostId', reason: 'onbekende wachtpost in deze kring' });
  const unknown = input.postcodes.filter((p) => !isKnownPostcode(p));
  if (unknown.length)
    errors.push({ field: 'postcodes', reason: `onbekende postcode(s): ${unknown.join(', ')}` });
  const active = input.active ?? true;
  if (active) {
    for (const other of otherZones.filter((z) => z.active && z.id !== zoneId)) {
      const shared = input.postcodes.filter((p) => other.postcodes.includes(p));
      if (shared.length)
        errors.push({ field: 'postcodes', reason: `${shared.join(', ')} al in zone ${other.id}` });
    }
  }
  const known = new Set(otherZones.map((z) => z.id));
  for (const id of input.overflowZoneIds) {
    if (id === zoneId)
      errors.push({ field: 'overflowZoneIds', reason: 'een zone kan niet naar zichzelf overlopen' });
    else if (!known.has(id)) errors.push({ field: 'overflowZoneIds', reason: `onbekende zone ${id}` });
  }
  if (new Set(input.overflowZoneIds).size !== input.overflowZoneIds.length)
    errors.push({ field: 'overflowZoneIds', reason: 'dubbele zone' });
  const zone = Object.assign(new Zone(), {
    id: zoneId,
    kringId,
    wachtpostId: input.wachtpostId,
    name: input.name,
    postcodes: [...new Set(input.postcodes)].sort(),
    overflowZoneIds: input.overflowZoneIds,
    active,
  });
  return { zone, errors };
}
